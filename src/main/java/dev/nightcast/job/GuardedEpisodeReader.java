package dev.nightcast.job;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import dev.nightcast.progress.LiveRun;
import dev.nightcast.script.ScriptEntry;

/**
 * Hands out the next episode the run may start ({@link LiveRun#admit}). One that would pass
 * {@code max-cost} is left aside and the next is read, so cheaper episodes still fill the budget in
 * input order; once the queue is empty, a left episode that fits by now is handed out
 * ({@link LiveRun#takeLeftThatFits}). When nothing may start any more (the {@code finish-by} deadline,
 * or episodes left and none in flight that could make room), its worker is told to stop at this
 * chunk boundary: it reads nothing more and ends {@code STOPPED}, so the run ends stopped at its limit
 * while the other workers finish and commit what they are narrating. The entries not narrated are not
 * lost: the next run loads the input again and continues with them.
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
        while (true) {
            ScriptEntry next = delegate.read();
            if (next == null) {
                return leftThatFits();
            }
            switch (live.admit(next)) {
                case START -> {
                    return next;
                }
                case LEAVE -> {
                    // read the next: a cheaper one may fit
                }
                case STOP -> {
                    worker.setTerminateOnly();
                    return null;
                }
            }
        }
    }

    private @Nullable ScriptEntry leftThatFits() {
        Optional<ScriptEntry> left = live.takeLeftThatFits();
        if (left.isPresent()) {
            return left.get();
        }
        if (live.endsWithEpisodesLeft()) {
            worker.setTerminateOnly();
        }
        return null;
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
