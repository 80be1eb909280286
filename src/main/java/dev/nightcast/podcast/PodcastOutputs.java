package dev.nightcast.podcast;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.nightcast.script.ScriptEntry;

/**
 * Brings the listener-facing files of an output folder up to date: an MP3 next to every published
 * WAV, the review page {@code index.html} and the podcast feed {@code feed.xml}. Idempotent and
 * cheap when nothing changed (MP3s are only made when missing or stale).
 */
@Component
public class PodcastOutputs {

    private static final Logger log = LoggerFactory.getLogger(PodcastOutputs.class);
    /** Far more than the encoder needs for one long episode; it only guards against a stuck thread. */
    private static final Duration BACKGROUND_WAIT = Duration.ofMinutes(30);

    private final Catalog catalog;
    private final FeedProperties channel;
    private final Mp3Renditions mp3;
    private final Clock clock;

    public PodcastOutputs(Catalog catalog, FeedProperties channel, Mp3Renditions mp3, Clock clock) {
        this.catalog = catalog;
        this.channel = channel;
        this.mp3 = mp3;
        this.clock = clock;
    }

    /** What a refresh wrote. */
    public record Published(Path page, Path feed, int episodes, int withAudio) {}

    /**
     * @param entries the run's input entries, in input order
     * @param output the run's output folder
     */
    public Published refresh(List<ScriptEntry> entries, Path output) throws IOException {
        return refresh(entries, output, null);
    }

    /**
     * @param entries the run's input entries, in input order
     * @param output the run's output folder
     * @param lastRun the run that last wrote the folder, for the page's banner; {@code null} when unknown
     */
    public Published refresh(List<ScriptEntry> entries, Path output, @Nullable LastRun lastRun) throws IOException {
        Path folder = output.toAbsolutePath().normalize();
        Files.createDirectories(folder);
        // Renditions queued during the run first: each WAV is encoded by one thread at a time.
        boolean idle = mp3.finishQueued(BACKGROUND_WAIT);
        if (!idle) {
            log.warn("MP3 renditions queued during the run are still being made; the feed lists those ready");
        }
        List<CatalogEntry> listed = new ArrayList<>();
        int withAudio = 0;
        for (CatalogEntry entry : catalog.of(entries, folder)) {
            if (entry.hasAudio()) {
                withAudio++;
                entry = withMp3(entry, folder, idle);
            }
            listed.add(entry);
        }
        Path page = ReviewPage.write(folder, listed, lastRun, clock.instant());
        Path feed = PodcastFeed.write(folder, listed, channel, clock.instant());
        return new Published(page, feed, listed.size(), withAudio);
    }

    private CatalogEntry withMp3(CatalogEntry entry, Path folder, boolean mayEncode) {
        try {
            var rendition = mp3.renditionOf(entry, folder.resolve(entry.wav()), mayEncode);
            if (rendition.isEmpty()) {
                return entry;
            }
            Path file = rendition.get();
            return entry.withMp3(file.getFileName().toString(), Files.size(file));
        } catch (IOException | RuntimeException e) {
            // The WAV stays playable on the page; the feed leaves the episode out until an MP3 exists.
            log.warn("Episode {}: could not make the MP3 of {}: {}", entry.episodeId(), entry.wav(), e.getMessage());
            return entry;
        }
    }
}
