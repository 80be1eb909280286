package dev.nightcast.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.transaction.support.TransactionTemplate;

import dev.nightcast.narration.EpisodeOutcome;

/**
 * Publishes narrated episodes and records every outcome.
 *
 * <p>For a narrated episode the row and the files change together: inside one database
 * transaction the row is written, then the transcript, the WebVTT subtitles and the WAV are moved
 * from their temporary names to their final names (atomic renames in the same folder); a failed
 * rename rolls the row back, and a failed commit removes the files again. So a final name never
 * holds a partial file, and a DONE row never points at a missing one. Once committed, the episode's
 * kept segments are deleted.
 */
public class EpisodeWriter implements ItemWriter<EpisodeOutcome> {

    private static final Logger log = LoggerFactory.getLogger(EpisodeWriter.class);

    private final EpisodeRepository episodes;
    private final InputProblemRepository inputProblems;
    private final OutputLayout layout;
    private final TransactionTemplate transaction;

    public EpisodeWriter(EpisodeRepository episodes, InputProblemRepository inputProblems, OutputLayout layout,
            TransactionTemplate transaction) {
        this.episodes = episodes;
        this.inputProblems = inputProblems;
        this.layout = layout;
        this.transaction = transaction;
    }

    @Override
    public void write(Chunk<? extends EpisodeOutcome> chunk) throws IOException {
        long execution = CurrentJobExecution.id() == null ? 0L : CurrentJobExecution.id();
        for (EpisodeOutcome outcome : chunk) {
            if (outcome instanceof EpisodeOutcome.Narrated narrated) {
                publish(narrated, execution);
            } else if (outcome instanceof EpisodeOutcome.Failed failed) {
                transaction.executeWithoutResult(status -> episodes.saveFailed(failed, execution));
            } else if (outcome instanceof EpisodeOutcome.Rejected rejected) {
                transaction.executeWithoutResult(status -> inputProblems.save(rejected.invalid(), execution));
            }
        }
    }

    private void publish(EpisodeOutcome.Narrated narrated, long execution) throws IOException {
        String id = narrated.episodeId();
        Path temporaryTranscript = layout.temporaryTranscript(id, narrated.fingerprint());
        Path temporarySubtitles = layout.temporarySubtitles(id, narrated.fingerprint());
        Files.writeString(temporaryTranscript, narrated.transcript() + "\n", StandardCharsets.UTF_8);
        WebVttFile.write(temporarySubtitles, narrated.cues());
        PublishedFiles files = new PublishedFiles(layout.wav(id), layout.transcript(id), layout.subtitles(id),
                Files.size(narrated.temporaryWav()), Sha256.of(narrated.temporaryWav()));
        try {
            transaction.executeWithoutResult(status -> {
                episodes.saveDone(narrated, files, execution);
                move(temporaryTranscript, files.transcript());
                move(temporarySubtitles, files.subtitles());
                move(narrated.temporaryWav(), files.wav());
            });
        } catch (RuntimeException e) {
            if (!Files.exists(narrated.temporaryWav())) {
                // The renames happened but the commit did not: take the files back down.
                Files.deleteIfExists(files.wav());
                Files.deleteIfExists(files.transcript());
                Files.deleteIfExists(files.subtitles());
            }
            Files.deleteIfExists(temporaryTranscript);
            Files.deleteIfExists(temporarySubtitles);
            throw e;
        }
        log.info("Episode {} published: {} ({} bytes)", id, files.wav(), files.wavBytes());
        try {
            layout.discardSegments(id, narrated.fingerprint());
        } catch (IOException e) {
            // Harmless: the next narration of a changed script discards stale work anyway.
            log.warn("Episode {}: could not delete its kept segments: {}", id, e.getMessage());
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new PublishException("Cannot move " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    /** Publishing a narrated episode failed; the transaction rolls back. */
    static final class PublishException extends RuntimeException {

        PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
