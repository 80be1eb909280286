package dev.nightcast.job;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import dev.nightcast.narration.SegmentSharing;
import dev.nightcast.retry.OutageBreaker;
import dev.nightcast.script.ScriptEntry;

/**
 * One worker's view of its run's {@link EpisodeSource} (the shared queue, or the cluster's claim
 * table): a worker that finishes an episode takes the next at once, whatever the others are doing.
 * Keeps no position in the execution context. Once the run's {@link OutageBreaker} has tripped it
 * hands out no more episodes: it fails its worker instead, so the job ends FAILED and every worker
 * is restartable. When the source has nothing left it returns {@code null} and the worker's chunk
 * loop ends ({@link HelpWithEpisodesInFlight} says what the worker does then).
 *
 * <p>It tells the run's {@link SegmentSharing} which entries its worker holds: an entry just taken is
 * not shared yet (its owner is still planning it), and helpers wait for it rather than end. Asked
 * for the next entry, the worker is done with the last one (chunks of one: its row committed); an
 * entry still held when the reader closes (the worker stopped or failed) is given back.
 */
class EpisodeQueueReader implements ItemStreamReader<ScriptEntry> {

    private final EpisodeSource source;
    private final OutageBreaker breaker;
    private final SegmentSharing sharing;
    private final StepExecution worker;
    /** The entry this worker holds: the next read finishes it, the end of the step gives it back. */
    private EpisodeSource.@Nullable Taken holding;

    EpisodeQueueReader(EpisodeSource source, OutageBreaker breaker, SegmentSharing sharing, StepExecution worker) {
        this.source = source;
        this.breaker = breaker;
        this.sharing = sharing;
        this.worker = worker;
    }

    @Override
    public @Nullable ScriptEntry read() {
        // Chunks of one: asked for the next entry, this worker is done with the last one.
        EpisodeSource.Taken last = holding;
        if (last != null) {
            holding = null;
            sharing.entryDone();
            source.done(last);
        }
        breaker.checkClosed();
        EpisodeSource.Taken next = source.take(worker);
        if (next == null) {
            return null;
        }
        sharing.entryTaken();
        holding = next;
        return next.entry();
    }

    @Override
    public void close() {
        // The worker failed or stopped with an entry in hand: it is not finished.
        EpisodeSource.Taken last = holding;
        if (last != null) {
            holding = null;
            sharing.entryDone();
            source.release(last);
        }
    }
}
