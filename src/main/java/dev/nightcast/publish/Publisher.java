package dev.nightcast.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

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
public class Publisher {

    private static final Logger log = LoggerFactory.getLogger(Publisher.class);

    private final Catalog catalog;
    private final FeedProperties channel;
    private final Mp3Encoder mp3 = new Mp3Encoder();
    private final Clock clock;

    public Publisher(Catalog catalog, FeedProperties channel, Clock clock) {
        this.catalog = catalog;
        this.channel = channel;
        this.clock = clock;
    }

    /** What a refresh wrote. */
    public record Published(Path page, Path feed, int episodes, int withAudio) {
    }

    /**
     * @param entries the run's input entries, in input order
     * @param output the run's output folder
     */
    public Published refresh(List<ScriptEntry> entries, Path output) throws IOException {
        Path folder = output.toAbsolutePath().normalize();
        Files.createDirectories(folder);
        List<CatalogEntry> listed = new ArrayList<>();
        int withAudio = 0;
        for (CatalogEntry entry : catalog.of(entries, folder)) {
            if (entry.hasAudio()) {
                withAudio++;
                entry = withMp3(entry, folder);
            }
            listed.add(entry);
        }
        Path page = ReviewPage.write(folder, listed, clock.instant());
        Path feed = PodcastFeed.write(folder, listed, channel, clock.instant());
        return new Published(page, feed, listed.size(), withAudio);
    }

    private CatalogEntry withMp3(CatalogEntry entry, Path folder) {
        try {
            Path file = mp3.renditionOf(folder.resolve(entry.wav()));
            return entry.withMp3(file.getFileName().toString(), Files.size(file));
        } catch (IOException | RuntimeException e) {
            // The WAV stays playable on the page; the feed leaves the episode out until an MP3 exists.
            log.warn("Episode {}: could not make the MP3 of {}: {}", entry.episodeId(), entry.wav(), e.getMessage());
            return entry;
        }
    }
}
