package dev.nightcast.store;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.transaction.support.TransactionTemplate;

import dev.nightcast.narration.EpisodeOutcome;

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
        PublishedFiles files = publisher.publish(stage, narrated.temporaryWav());
        log.info("Episode {} published: {} ({} bytes)", narrated.episodeId(), files.wav(), files.wavBytes());
    }
}
