package dev.nightcast.job;

import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.stereotype.Component;

/**
 * Stops the running narrate job cleanly when asked (SIGTERM or Ctrl-C through {@link StopSignals}).
 *
 * <p>A stop goes through {@link JobOperator#stop}, as Spring Batch's {@code JobExecutionShutdownHook}
 * does, but from a signal handler rather than a JVM shutdown hook: a shutdown hook runs while
 * Spring closes the application context (the database pool included) under the still running job,
 * and the process would end with the signal's status 143 instead of the job's exit code. Here the
 * job stops on its own thread and the process ends normally with exit code 1.
 *
 * <p>What stopping means: the execution is marked STOPPED at once; every worker finishes the episode
 * it is narrating (already paid for) and publishes it, then takes no other. The next run with the
 * same params continues the stopped execution. Thread-safe.
 *
 * <p>{@link RunScopes} tells it which executions run ({@link #started}, {@link #ended}), so that a stop
 * requested before an execution starts stops it as it starts.
 */
@Component
public class GracefulStop {

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);

    private final JobOperator jobOperator;
    private final Set<JobExecution> running = new LinkedHashSet<>();
    private @Nullable String requestedBy;

    GracefulStop(JobOperator jobOperator) {
        this.jobOperator = jobOperator;
    }

    /**
     * Asks the running narrate job, or the one about to start, to stop.
     *
     * @param by who asked, for the log (e.g. "SIGTERM")
     */
    public void requestStop(String by) {
        Set<JobExecution> toStop;
        synchronized (this) {
            requestedBy = by;
            toStop = Set.copyOf(running);
        }
        log.warn(
                "Stop requested by {}: episodes being narrated finish and are published, no new one starts; "
                        + "the next run continues",
                by);
        toStop.forEach(this::stop);
    }

    /** Forgets a stop request once the run it was meant for has ended. */
    public synchronized void clear() {
        requestedBy = null;
    }

    /** An execution started: stopped at once when a stop was asked for already. */
    void started(JobExecution jobExecution) {
        boolean stopNow;
        synchronized (this) {
            running.add(jobExecution);
            stopNow = requestedBy != null;
        }
        if (stopNow) {
            stop(jobExecution);
        }
    }

    void ended(JobExecution jobExecution) {
        synchronized (this) {
            running.remove(jobExecution);
        }
    }

    private void stop(JobExecution execution) {
        try {
            jobOperator.stop(execution);
            log.info("Execution {} is stopping", execution.getId());
        } catch (JobExecutionNotRunningException e) {
            log.info("Execution {} has already ended", execution.getId());
        }
    }
}
