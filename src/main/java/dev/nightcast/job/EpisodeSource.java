package dev.nightcast.job;

import java.math.BigDecimal;
import java.util.Queue;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.step.StepExecution;

import dev.nightcast.script.ScriptEntry;

/**
 * Where the workers of a run take their next entry: in one process, the execution's queue in memory
 * ({@link #of(Queue)}); in a cluster, the run's claim table in the database, shared by every host
 * ({@link ClaimedEpisodes}). Thread-safe.
 */
interface EpisodeSource {

    /** An entry a worker took, with its position in the input (what the claim table knows it by). */
    record Taken(ScriptEntry entry, int position) {}

    /**
     * The next entry for {@code worker}, or {@code null} when the run has none left for it (the
     * worker's chunk loop then ends).
     */
    @Nullable
    Taken take(StepExecution worker);

    /** The worker is done with the entry: its episode's row committed (narrated, skipped, failed, invalid). */
    void done(Taken taken);

    /** The worker gives the entry back unfinished (it stopped or failed with it in hand). */
    void release(Taken taken);

    /**
     * What the episode of an entry this worker holds cost, as its usage was reported. The cluster's
     * claim table counts it against the run's {@code max-cost} in place of the estimate reserved; in
     * one process the {@link dev.nightcast.progress.LiveRun} keeps the budget and this does nothing.
     */
    default void spent(String episodeId, BigDecimal cost) {}

    /**
     * The execution's queue in this process. Restart safety does not come from a saved position but
     * from idempotence: episodes already published are recognised by their fingerprint and skipped,
     * so nothing needs to be marked done or given back.
     */
    static EpisodeSource of(Queue<Taken> queue) {
        return new EpisodeSource() {

            @Override
            public @Nullable Taken take(StepExecution worker) {
                return queue.poll();
            }

            @Override
            public void done(Taken taken) {}

            @Override
            public void release(Taken taken) {}
        };
    }
}
