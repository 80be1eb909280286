package dev.nightcast.publication;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import dev.nightcast.store.EpisodeRepository;
import dev.nightcast.store.PublishedFiles;
import dev.nightcast.store.StagedNarration;

/**
 * The publishing protocol, shared by the live writer and by recovery after a crash.
 *
 * <ol>
 * <li>{@link #stage}: the stage record is saved next to the complete temporary WAV. From here on a
 * crash costs nothing: the next run finishes publishing from the record.</li>
 * <li>{@link #publish}: in one transaction the row is written, then the transcript, the WebVTT
 * subtitles, the JSON chapters and the WAV are renamed to their final names (atomic renames in one
 * folder), then the transaction commits; the episode's kept segments are deleted, and the stage
 * record last.</li>
 * </ol>
 *
 * So a final name only ever holds a complete file, a committed DONE row always points at files with
 * its recorded size and sha256, and every crash window leaves a stage record that says how to
 * finish: the WAV still under its temporary name (renames not done), or already under its final
 * name (renames done, commit lost), or the row already committed (only the record's deletion lost).
 * A failure is not undone here either: the record stays and the next run finishes the job. No final
 * name is taken from a file Nightcast did not make ({@link OutputOwnership}).
 */
final class EpisodePublisher {

    private static final Logger log = LoggerFactory.getLogger(EpisodePublisher.class);

    private final EpisodeRepository episodes;
    private final OutputLayout layout;
    private final TransactionTemplate transaction;
    private final OutputOwnership ownership;

    EpisodePublisher(EpisodeRepository episodes, OutputLayout layout, TransactionTemplate transaction) {
        this.episodes = episodes;
        this.layout = layout;
        this.transaction = transaction;
        this.ownership = new OutputOwnership(episodes, layout);
    }

    OutputLayout layout() {
        return layout;
    }

    void stage(StagedNarration stage) throws IOException {
        stage.save(
                layout.stageInProgress(stage.episodeId(), stage.fingerprint()),
                layout.stage(stage.episodeId(), stage.fingerprint()));
    }

    /**
     * Publishes a staged narration.
     *
     * @param wav the complete WAV: its temporary name, or its final name when a crashed run renamed
     *     it but did not commit
     * @throws MadeByNightcast.ForeignFileException when a final name holds a file Nightcast did not
     *     make ({@link OutputOwnership}); nothing is renamed, and the stage record stays
     */
    PublishedFiles publish(StagedNarration stage, Path wav) throws IOException {
        String id = stage.episodeId();
        Path temporaryTranscript = layout.temporaryTranscript(id, stage.fingerprint());
        Path temporarySubtitles = layout.temporarySubtitles(id, stage.fingerprint());
        Path temporaryChapters = layout.temporaryChapters(id, stage.fingerprint());
        Files.writeString(temporaryTranscript, stage.transcript() + "\n", StandardCharsets.UTF_8);
        WebVttFile.write(temporarySubtitles, stage.cues());
        ChaptersFile.write(temporaryChapters, stage.title(), stage.chapters());
        PublishedFiles files = new PublishedFiles(
                layout.wav(id), layout.transcript(id), layout.subtitles(id), Files.size(wav), Sha256.of(wav));
        ownership.checkReplaceable(
                id,
                List.of(
                        new OutputOwnership.Replacement(files.transcript(), temporaryTranscript),
                        new OutputOwnership.Replacement(files.subtitles(), temporarySubtitles),
                        new OutputOwnership.Replacement(layout.chapters(id), temporaryChapters),
                        new OutputOwnership.Replacement(files.wav(), wav),
                        new OutputOwnership.Replacement(layout.mp3(id), null)));
        transaction.executeWithoutResult(status -> {
            episodes.saveDone(stage, files);
            move(temporaryTranscript, files.transcript());
            move(temporarySubtitles, files.subtitles());
            move(temporaryChapters, layout.chapters(id));
            if (!wav.equals(files.wav())) {
                move(wav, files.wav());
            }
        });
        // The kept segments go before the stage record: a crash in between leaves the record, and
        // finishing it again (idempotent) deletes what is left.
        try {
            layout.discardSegments(id, stage.fingerprint());
        } catch (IOException e) {
            log.warn("Episode {}: could not delete its kept segments: {}", id, e.getMessage());
        }
        Files.deleteIfExists(layout.stage(id, stage.fingerprint()));
        return files;
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new PublishException("Cannot move " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    /** Publishing a narrated episode failed; the transaction rolls back and the stage record stays. */
    static final class PublishException extends RuntimeException {

        PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
