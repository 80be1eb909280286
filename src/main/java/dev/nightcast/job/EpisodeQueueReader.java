package dev.nightcast.job;

import java.util.Queue;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import dev.nightcast.narration.SegmentSharing;
import dev.nightcast.retry.OutageBreaker;
import dev.nightcast.script.ScriptEntry;

/**
 * One worker's view of its run's shared queue ({@link RunScope#queue}): a worker that finishes an
 * episode takes the next at once, whatever the others are doing. Keeps no position in the execution
 * context (see {@link RunScope#queue}). Once the run's {@link OutageBreaker} has tripped it hands
 * out no more episodes: it fails its worker instead, so the job ends FAILED and every worker is
 * restartable. When the queue is empty it returns {@code null} and the worker's chunk loop ends
 * ({@link HelpWithEpisodesInFlight} says what the worker does then).
 *
 * <p>It tells the run's {@link SegmentSharing} which entries its worker holds: an entry just taken is
 * not shared yet (its owner is still planning it), and helpers wait for it rather than end.
 */
class EpisodeQueueReader implements ItemStreamReader<ScriptEntry> {

    private final Queue<ScriptEntry> queue;
    private final OutageBreaker breaker;
    private final SegmentSharing sharing;
    /** Whether this worker holds an entry it took: the next read (or the end of the step) finishes it. */
    private boolean holdingEntry;

    EpisodeQueueReader(Queue<ScriptEntry> queue, OutageBreaker breaker, SegmentSharing sharing) {
        this.queue = queue;
        this.breaker = breaker;
        this.sharing = sharing;
    }

    @Override
    public @Nullable ScriptEntry read() {
        // Chunks of one: asked for the next entry, this worker is done with the last one.
        releaseEntry();
        breaker.checkClosed();
        ScriptEntry next = queue.poll();
        if (next == null) {
            return null;
        }
        sharing.entryTaken();
        holdingEntry = true;
        return next;
    }

    @Override
    public void close() {
        // Also when the worker failed or stopped with an entry in hand.
        releaseEntry();
    }

    private void releaseEntry() {
        if (holdingEntry) {
            holdingEntry = false;
            sharing.entryDone();
        }
    }
}
