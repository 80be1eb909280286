package dev.nightcast.podcast;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import dev.nightcast.publication.ChaptersFile;
import dev.nightcast.publication.OutputLayout;

/**
 * Makes the MP3 renditions of published WAVs on one background thread ({@value #THREAD}) while the
 * run goes on, so a run's last episode is followed by one encoding rather than by all of them: on a
 * night of many short episodes the encoding, several times the narration's own CPU, otherwise
 * doubled the time from the last narration to the process's exit. Narration threads mostly wait
 * for the network, so the encoder uses CPU they leave idle.
 *
 * <p>An MP3's tags come from the episode's row (title, when it was narrated), the feed's settings
 * (show and author), the configured cover art and the episode's published JSON chapters file, so its
 * chapters are the file's.
 *
 * <p>Best effort: a failed encoding is logged, and the end-of-run {@link PodcastOutputs#refresh} makes
 * whatever is missing (after {@link #finishQueued}, so that no WAV is ever encoded by two threads).
 * Thread-safe.
 */
@Component
public class Mp3Renditions implements DisposableBean {

    /** The encoder thread's name; the benchmark tells its CPU apart from the narration's by it. */
    public static final String THREAD = "mp3-encoder";

    private static final Logger log = LoggerFactory.getLogger(Mp3Renditions.class);

    private final Mp3Encoder encoder;
    private final Catalog catalog;
    private final FeedProperties channel;
    private final @Nullable CoverArt cover;
    private final ThreadPoolExecutor worker =
            new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, THREAD);
                thread.setDaemon(true);
                thread.setPriority(Thread.MIN_PRIORITY);
                return thread;
            });

    public Mp3Renditions(Mp3Properties settings, Catalog catalog, FeedProperties channel) {
        this.encoder = new Mp3Encoder(settings);
        this.catalog = catalog;
        this.channel = channel;
        this.cover = settings.cover();
    }

    /** Queues the rendition of a just published {@code <id>.wav} (made only when it is not current). */
    public void encodeSoon(Path wav) {
        worker.execute(() -> {
            try {
                String id = wav.getFileName().toString().replaceFirst("\\.wav$", "");
                var published = catalog.published(id);
                if (published.isPresent()) {
                    encoder.renditionOf(
                            wav,
                            tags(
                                    wav,
                                    id,
                                    published.get().title(),
                                    published.get().narratedAt()));
                }
            } catch (IOException | RuntimeException e) {
                log.warn("Could not make the MP3 of {} now ({}); the end of the run tries again", wav, e.getMessage());
            }
        });
    }

    /**
     * The rendition of a published episode's WAV: made now on the calling thread if needed when
     * {@code mayEncode} (nothing queued or being made), else only one that is current already.
     */
    Optional<Path> renditionOf(CatalogEntry entry, Path wav, boolean mayEncode) throws IOException {
        Mp3Tags tags = tags(wav, entry.episodeId(), entry.title(), entry.narratedAt());
        return mayEncode ? Optional.of(encoder.renditionOf(wav, tags)) : encoder.existingRendition(wav, tags);
    }

    private Mp3Tags tags(Path wav, String episodeId, @Nullable String title, @Nullable Instant narratedAt) {
        return new Mp3Tags(title, channel.title(), channel.author(), narratedAt, chapters(wav, episodeId), cover);
    }

    /** The episode's published chapters; none when its file is missing or unreadable (a warning says which). */
    private static List<ChaptersFile.Entry> chapters(Path wav, String episodeId) {
        Path file = new OutputLayout(Objects.requireNonNull(wav.getParent(), "a published WAV is in the output folder"))
                .chapters(episodeId);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return ChaptersFile.read(file);
        } catch (IOException | RuntimeException e) {
            log.warn("Episode {}: the MP3 gets no chapters, {} cannot be read: {}", episodeId, file, e.getMessage());
            return List.of();
        }
    }

    /**
     * Makes every queued rendition, the calling thread taking its share (at the end of a run,
     * when all of an evening's long episodes are published at once, nothing else needs the CPU),
     * and waits for the background thread's last one, at most {@code limit}.
     *
     * @return true when nothing is queued or being made any more
     */
    public boolean finishQueued(Duration limit) {
        Runnable queued;
        while ((queued = worker.getQueue().poll()) != null) {
            queued.run();
        }
        Future<?> marker = worker.submit(() -> {});
        try {
            marker.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    @Override
    public void destroy() {
        // Renditions still queued are made by the next run's (or `report`'s) refresh.
        worker.shutdownNow();
    }
}
