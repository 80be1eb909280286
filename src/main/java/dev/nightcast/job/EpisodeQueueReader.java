package dev.nightcast.job;

import java.util.List;
import java.util.Queue;
import java.util.function.UnaryOperator;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import dev.nightcast.narration.OutageBreaker;
import dev.nightcast.script.ScriptEntry;
import dev.nightcast.script.ScriptLoader;

/**
 * One worker's view of its job execution's shared {@link EpisodeQueues queue}. Thread-safe through
 * the queue; keeps no position in the execution context (see {@link EpisodeQueues}). Once the run's
 * {@link OutageBreaker} has tripped it hands out no more episodes: it fails its worker instead, so
 * the job ends FAILED and every worker is restartable.
 */
class EpisodeQueueReader implements ItemStreamReader<ScriptEntry> {

    private final EpisodeQueues queues;
    private final long jobExecutionId;
    private final ScriptLoader loader;
    private final String input;
    private final UnaryOperator<List<ScriptEntry>> selection;
    private final OutageBreaker breaker;
    private Queue<ScriptEntry> queue;

    /** @param selection picks the entries this run works on (see {@link EpisodeSelection}) */
    EpisodeQueueReader(EpisodeQueues queues, long jobExecutionId, ScriptLoader loader, String input,
            UnaryOperator<List<ScriptEntry>> selection, OutageBreaker breaker) {
        this.queues = queues;
        this.jobExecutionId = jobExecutionId;
        this.loader = loader;
        this.input = input;
        this.selection = selection;
        this.breaker = breaker;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        queue = queues.forExecution(jobExecutionId, () -> selection.apply(loader.load(input)));
    }

    @Override
    public ScriptEntry read() {
        breaker.checkClosed();
        return queue.poll();
    }
}
