package dev.nightcast.job;

import java.util.List;
import java.util.Queue;
import java.util.function.UnaryOperator;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import dev.nightcast.narration.SegmentSharing;
import dev.nightcast.retry.OutageBreaker;
import dev.nightcast.script.ScriptEntry;
import dev.nightcast.script.ScriptLoader;

/**
 * One worker's view of its job execution's shared {@link EpisodeQueues queue}. Thread-safe through
 * the queue; keeps no position in the execution context (see {@link EpisodeQueues}). Once the run's
 * {@link OutageBreaker} has tripped it hands out no more episodes: it fails its worker instead, so
 * the job ends FAILED and every worker is restartable. When the queue is empty, the worker first
 * helps with the segments of the episodes still in flight ({@link SegmentSharing}), then ends.
 */
class EpisodeQueueReader implements ItemStreamReader<ScriptEntry> {

    private final EpisodeQueues queues;
    private final long jobExecutionId;
    private final ScriptLoader loader;
    private final String input;
    private final UnaryOperator<List<ScriptEntry>> selection;
    private final OutageBreaker breaker;
    private final SegmentSharing sharing;
    private Queue<ScriptEntry> queue;
    /** Whether this worker holds an entry it took: the next read (or the end of the step) finishes it. */
    private boolean holdingEntry;

    /** @param selection picks the entries this run works on (see {@link EpisodeSelection}) */
    EpisodeQueueReader(EpisodeQueues queues, long jobExecutionId, ScriptLoader loader, String input,
            UnaryOperator<List<ScriptEntry>> selection, OutageBreaker breaker, SegmentSharing sharing) {
        this.queues = queues;
        this.jobExecutionId = jobExecutionId;
        this.loader = loader;
        this.input = input;
        this.selection = selection;
        this.breaker = breaker;
        this.sharing = sharing;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        queue = queues.forExecution(jobExecutionId, () -> selection.apply(loader.load(input)));
    }

    @Override
    public ScriptEntry read() {
        // Chunks of one: asked for the next entry, this worker is done with the last one.
        releaseEntry();
        breaker.checkClosed();
        ScriptEntry next = queue.poll();
        if (next == null) {
            // Nothing left to start: this slot helps finish the episodes in flight before it ends.
            sharing.helpWhileWorkRemains(breaker::isTripped);
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
