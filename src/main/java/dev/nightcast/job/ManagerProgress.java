package dev.nightcast.job;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;

import dev.nightcast.progress.LiveRun;
import dev.nightcast.report.ExecutionTally;

/**
 * A cluster manager's live run follows the execution from the job repository: every
 * {@code nightcast.cluster.poll} it sums the tallies its worker hosts saved in the partitions' contexts
 * (with every episode they commit) and hands the sum to {@link LiveRun#follow}, so the progress line
 * or bar, the time left and the run metrics show what the hosts did. The manager narrates nothing: no
 * episode event of its own would ever move them. One per running execution of the manager.
 *
 * <p>What it showed is kept in the execution's own context ({@link ExecutionTally#writeReported}): if
 * the manager dies, the hosts go on narrating for the execution, and the manager that continues the
 * run reports what the execution did beyond it (see {@code report.RunReport}).
 */
final class ManagerProgress implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ManagerProgress.class);

    private final JobRepository repository;
    private final JobExecution execution;
    private final long executionId;
    private final LiveRun live;
    private final ExecutionTally taken;
    private final ScheduledExecutorService poller;
    private ExecutionTally reported = ExecutionTally.EMPTY;

    private ManagerProgress(JobRepository repository, JobExecution execution, LiveRun live, ExecutionTally taken) {
        this.repository = repository;
        this.execution = execution;
        this.executionId = execution.getId();
        this.live = live;
        this.taken = taken;
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cluster-progress-" + executionId);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts following the manager's {@code execution} (the object the job runs with: its context is
     * written from here too, so nothing either side puts in it is lost), first after one {@code poll}.
     * Nothing is reported yet as it starts.
     *
     * @param taken what the execution this one continues did after its manager last reported (a manager
     *     that died): the progress starts from it, as the summary counts it ({@code RunReport#unreported})
     */
    static ManagerProgress follow(
            JobRepository repository, JobExecution execution, LiveRun live, ExecutionTally taken, Duration poll) {
        ManagerProgress progress = new ManagerProgress(repository, execution, live, taken);
        progress.report(ExecutionTally.EMPTY);
        live.follow(ExecutionTally.EMPTY.continuing(taken));
        long every = poll.toMillis();
        progress.poller.scheduleWithFixedDelay(progress::poll, every, every, TimeUnit.MILLISECONDS);
        return progress;
    }

    private void poll() {
        try {
            JobExecution stored = repository.getJobExecution(executionId);
            if (stored != null) {
                ExecutionTally tally = ExecutionTally.sum(stored.getStepExecutions());
                live.follow(tally.continuing(taken));
                if (!tally.equals(reported)) {
                    report(tally);
                }
            }
        } catch (RuntimeException e) {
            // The database may be away for a moment; the next poll (or the run's end) catches up.
            log.debug("Could not read the progress of execution {}: {}", executionId, e.getMessage());
        }
    }

    /** Keeps what the progress shows in the execution's context, for a successor should this manager die. */
    private synchronized void report(ExecutionTally tally) {
        ExecutionTally.writeReported(execution.getExecutionContext(), tally);
        repository.updateExecutionContext(execution);
        reported = tally;
    }

    /**
     * Stops polling; shows and reports {@code tally}, what the hosts ended the execution with: a later
     * run adds nothing of this execution.
     */
    void end(ExecutionTally tally) {
        close();
        live.follow(tally.continuing(taken));
        try {
            report(tally);
        } catch (RuntimeException e) {
            log.warn("Could not keep what execution {} reported: {}", executionId, e.getMessage());
        }
    }

    /** Stops polling. */
    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
