package dev.nightcast.store;

import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;

/**
 * The job execution the calling worker thread belongs to. Spring Batch registers the step context
 * on every thread that runs a step, partition workers included.
 */
public final class CurrentJobExecution {

    private CurrentJobExecution() {
    }

    /** The id, or {@code null} outside a step (e.g. a unit test calling a writer directly). */
    public static Long id() {
        StepContext context = StepSynchronizationManager.getContext();
        return context == null ? null : context.getStepExecution().getJobExecutionId();
    }
}
