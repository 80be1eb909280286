package dev.nightcast.job;

import java.util.Optional;

import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import dev.nightcast.script.ScriptEntry;

/**
 * Hands out the next episode only while the run may start one ({@link dev.nightcast.progress.LiveRun#mayStart}). When it
 * may not ({@code max-cost}, {@code finish-by}), the worker is told to stop at this chunk boundary:
 * it reads nothing more and ends {@code STOPPED}, while the other workers finish and commit what they
 * are narrating. The entry read is not lost: the next run loads the input again.
 *
 * <p>One instance serves all workers; the delegate is the step-scoped reader of the calling worker.
 */
class GuardedEpisodeReader implements ItemStreamReader<ScriptEntry> {

    private final ItemStreamReader<ScriptEntry> delegate;
    private final RunMonitor monitor;

    GuardedEpisodeReader(ItemStreamReader<ScriptEntry> delegate, RunMonitor monitor) {
        this.delegate = delegate;
        this.monitor = monitor;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        delegate.open(executionContext);
    }

    @Override
    public ScriptEntry read() throws Exception {
        ScriptEntry next = delegate.read();
        if (next == null) {
            return null;
        }
        StepContext context = StepSynchronizationManager.getContext();
        StepExecution step = context == null ? null : context.getStepExecution();
        Optional<String> stop = step == null ? Optional.empty()
                : monitor.live(step.getJobExecutionId()).flatMap(run -> run.mayStart(next));
        if (stop.isPresent()) {
            step.setTerminateOnly();
            return null;
        }
        return next;
    }

    @Override
    public void update(ExecutionContext executionContext) {
        delegate.update(executionContext);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
