package dev.nightcast.job;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * The last phase of a worker, after its chunk loop: once the run's queue is empty, the worker does
 * not end but helps narrate the segments of the episodes still in flight ({@link dev.nightcast.narration.SegmentSharing}),
 * until no worker holds an entry that could bring more or the outage breaker trips. Without it the
 * last round of a run leaves slots idle, and one long episode uses one slot of N.
 *
 * <p>Only a worker whose loop completed helps: one stopped (a limit, a graceful stop) or failed
 * (an outage) does not. One instance serves all workers.
 */
class HelpWithEpisodesInFlight implements StepExecutionListener {

    private final RunScopes runs;

    HelpWithEpisodesInFlight(RunScopes runs) {
        this.runs = runs;
    }

    @Override
    public @Nullable ExitStatus afterStep(StepExecution worker) {
        try {
            if (worker.getStatus() == BatchStatus.COMPLETED) {
                RunScope run = runs.of(worker.getJobExecutionId());
                run.sharing().helpWhileWorkRemains(run.breaker()::isTripped);
            }
        } finally {
            // On a worker host, the host's scope of the execution ends with its last partition here.
            runs.workerEnded(worker);
        }
        return null;
    }
}
