package dev.nightcast.store;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.transaction.support.TransactionTemplate;

import dev.nightcast.narration.EpisodeOutcome;
import dev.nightcast.realtime.FailureKind;

/**
 * Publishes narrated episodes and records every outcome.
 *
 * <p>A narrated episode is published by the {@link Publisher} protocol: a stage record first, then
 * the row and the atomic renames of transcript, subtitles and WAV in one transaction. So a final name never
 * holds a partial file, a DONE row never points at a missing one, and a process killed at any point
 * of publishing leaves what the next run needs to finish it ({@link OutputRecovery}) without
 * narrating the episode again.
 */
public class EpisodeWriter implements ItemWriter<EpisodeOutcome> {

    private static final Logger log = LoggerFactory.getLogger(EpisodeWriter.class);

    private final EpisodeRepository episodes;
    private final InputProblemRepository inputProblems;
    private final Publisher publisher;
    private final TransactionTemplate transaction;

    public EpisodeWriter(EpisodeRepository episodes, InputProblemRepository inputProblems, OutputLayout layout,
            TransactionTemplate transaction) {
        this.episodes = episodes;
        this.inputProblems = inputProblems;
        this.publisher = new Publisher(episodes, layout, transaction);
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
        StagedNarration stage = StagedNarration.of(narrated, execution);
        publisher.stage(stage);
        PublishedFiles files;
        try {
            files = publisher.publish(stage, narrated.temporaryWav());
        } catch (MadeByNightcast.ForeignFileException e) {
            // Someone's file took an episode's name while it was narrated: that episode fails; the
            // narration stays staged, and a later run publishes it once the file is moved away.
            log.warn("Episode {} not published: {}", narrated.episodeId(), e.getMessage());
            EpisodeOutcome.Failed failed = new EpisodeOutcome.Failed(narrated.script(), narrated.fingerprint(),
                    narrated.model(), FailureKind.PERMANENT, "output-conflict", e.getMessage()
                    + " (the narration is kept and published by a later run)", narrated.attempts(), narrated.usage(),
                    narrated.startedAt(), narrated.finishedAt());
            transaction.executeWithoutResult(status -> episodes.saveFailed(failed, execution));
            return;
        }
        log.info("Episode {} published: {} ({} bytes)", narrated.episodeId(), files.wav(), files.wavBytes());
    }
}
