package dev.nightcast.publication;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.core.NestedRuntimeException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.NonTransientDataAccessException;
import org.springframework.dao.NonTransientDataAccessResourceException;
import org.springframework.transaction.support.TransactionTemplate;

import dev.nightcast.narration.EpisodeOutcome;
import dev.nightcast.realtime.FailureKind;
import dev.nightcast.store.EpisodeRepository;
import dev.nightcast.store.InputProblemRepository;
import dev.nightcast.store.PublishedFiles;
import dev.nightcast.store.StagedNarration;

/**
 * Publishes narrated episodes and records every outcome.
 *
 * <p>A narrated episode is published by the {@link EpisodePublisher} protocol: a stage record first, then
 * the row and the atomic renames of transcript, subtitles, chapters and WAV in one transaction. So a final name never
 * holds a partial file, a DONE row never points at a missing one, and a process killed at any point
 * of publishing leaves what the next run needs to finish it ({@link OutputRecovery}) without
 * narrating the episode again. When the database refuses one episode's row, that episode is recorded
 * as failed and the run goes on.
 */
public class EpisodeWriter implements ItemWriter<EpisodeOutcome> {

    private static final Logger log = LoggerFactory.getLogger(EpisodeWriter.class);

    private final EpisodeRepository episodes;
    private final InputProblemRepository inputProblems;
    private final EpisodePublisher publisher;
    private final TransactionTemplate transaction;
    private final long execution;

    /** @param jobExecutionId the execution whose outcomes this writer records, on every row it writes */
    public EpisodeWriter(
            EpisodeRepository episodes,
            InputProblemRepository inputProblems,
            OutputLayout layout,
            TransactionTemplate transaction,
            long jobExecutionId) {
        this.episodes = episodes;
        this.inputProblems = inputProblems;
        this.publisher = new EpisodePublisher(episodes, layout, transaction);
        this.transaction = transaction;
        this.execution = jobExecutionId;
    }

    @Override
    public void write(Chunk<? extends EpisodeOutcome> chunk) throws IOException {
        List<EpisodeOutcome> recorded = new ArrayList<>(chunk.size());
        for (EpisodeOutcome outcome : chunk) {
            recorded.add(record(outcome, execution));
        }
        tellListeners(chunk, recorded);
    }

    /** Records one outcome; returns what was recorded. */
    private EpisodeOutcome record(EpisodeOutcome outcome, long execution) throws IOException {
        if (outcome instanceof EpisodeOutcome.Narrated narrated) {
            try {
                publish(narrated, execution);
            } catch (RuntimeException e) {
                if (!concernsTheEpisode(e)) {
                    throw e;
                }
                EpisodeOutcome.Failed failed = notRecorded(narrated, e);
                log.error(
                        "Episode {} was narrated but could not be recorded; its audio is kept for the next run",
                        narrated.episodeId(),
                        e);
                transaction.executeWithoutResult(status -> episodes.saveFailed(failed, execution));
                return failed;
            }
        } else if (outcome instanceof EpisodeOutcome.Failed failed) {
            transaction.executeWithoutResult(status -> episodes.saveFailed(failed, execution));
        } else if (outcome instanceof EpisodeOutcome.Rejected rejected) {
            transaction.executeWithoutResult(status -> inputProblems.save(rejected.invalid(), execution));
        }
        return outcome;
    }

    private void publish(EpisodeOutcome.Narrated narrated, long execution) throws IOException {
        StagedNarration stage = StagedNarration.of(narrated, execution);
        publisher.stage(stage);
        PublishedFiles files;
        try {
            files = publisher.publish(stage, narrated.temporaryWav());
        } catch (MadeByNightcast.ForeignFileException e) {
            // Someone's file took an episode's name while it was narrated: that episode fails; the
            // narration stays staged, and a later run publishes it once the file is moved away.
            log.warn("Episode {} not published: {}", narrated.episodeId(), e.getMessage());
            EpisodeOutcome.Failed failed = new EpisodeOutcome.Failed(
                    narrated.script(),
                    narrated.fingerprint(),
                    narrated.model(),
                    FailureKind.PERMANENT,
                    "output-conflict",
                    e.getMessage() + " (the narration is kept and published by a later run)",
                    narrated.attempts(),
                    narrated.usage(),
                    narrated.startedAt(),
                    narrated.finishedAt());
            transaction.executeWithoutResult(status -> episodes.saveFailed(failed, execution));
            return;
        }
        log.info("Episode {} published: {} ({} bytes)", narrated.episodeId(), files.wav(), files.wavBytes());
    }

    /**
     * A refusal of this episode's row or of its files' renames (a constraint, a value the database
     * rejects, a folder in the way of its WAV) fails the episode alone. The database or the disk
     * being unavailable, or a failed commit, is the run's trouble and fails the step as before.
     */
    private static boolean concernsTheEpisode(RuntimeException e) {
        if (e instanceof EpisodePublisher.PublishException) {
            return true;
        }
        return e instanceof NonTransientDataAccessException
                && !(e instanceof DataAccessResourceFailureException)
                && !(e instanceof NonTransientDataAccessResourceException);
    }

    /**
     * The narration as a failure of the episode. Nothing is lost: the stage record, the WAV and the
     * kept segments stay, so the next run finishes publishing without calling the gateway (or, if the
     * row is still refused, assembles it again from the kept segments and fails it again, for free).
     */
    private static EpisodeOutcome.Failed notRecorded(EpisodeOutcome.Narrated narrated, RuntimeException e) {
        Throwable cause = e instanceof NestedRuntimeException nested ? nested.getMostSpecificCause() : e;
        String reason = "narrated, but it could not be recorded: " + cause.getMessage() + "; its audio is kept and"
                + " the next run publishes it without narrating it again";
        return new EpisodeOutcome.Failed(
                narrated.script(),
                narrated.fingerprint(),
                narrated.model(),
                FailureKind.PERMANENT,
                "not-recorded",
                reason,
                narrated.attempts(),
                narrated.usage(),
                narrated.startedAt(),
                narrated.finishedAt());
    }

    /**
     * The step's listeners (progress, the run's tally and exit code, MP3s) hear the chunk after this
     * writer: they must hear what was recorded, so a narration whose row was refused counts as failed.
     */
    @SuppressWarnings("unchecked")
    private static void tellListeners(Chunk<? extends EpisodeOutcome> chunk, List<EpisodeOutcome> recorded) {
        Chunk<EpisodeOutcome> items = (Chunk<EpisodeOutcome>) chunk;
        items.clear();
        items.addAll(recorded);
    }
}
