package dev.nightcast.job;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import dev.nightcast.progress.LiveRun;
import dev.nightcast.script.ScriptEntry;

/**
 * Hands out the next episode only while the run may start one ({@link LiveRun#mayStart}). When it
 * may not ({@code max-cost}, {@code finish-by}), its worker is told to stop at this chunk boundary:
 * it reads nothing more and ends {@code STOPPED}, while the other workers finish and commit what they
 * are narrating. The entry read is not lost: the next run loads the input again.
 *
 * <p>One instance per worker (step-scoped), around that worker's reader.
 */
class GuardedEpisodeReader implements ItemStreamReader<ScriptEntry> {

    private final ItemStreamReader<ScriptEntry> delegate;
    private final LiveRun live;
    private final StepExecution worker;

    GuardedEpisodeReader(ItemStreamReader<ScriptEntry> delegate, LiveRun live, StepExecution worker) {
        this.delegate = delegate;
        this.live = live;
        this.worker = worker;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        delegate.open(executionContext);
    }

    @Override
    public @Nullable ScriptEntry read() throws Exception {
        ScriptEntry next = delegate.read();
        if (next == null) {
            return null;
        }
        if (live.mayStart(next).isPresent()) {
            worker.setTerminateOnly();
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
