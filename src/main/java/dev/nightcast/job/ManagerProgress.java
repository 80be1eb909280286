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
 */
final class ManagerProgress implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ManagerProgress.class);

    private final JobRepository repository;
    private final long executionId;
    private final LiveRun live;
    private final ScheduledExecutorService poller;

    private ManagerProgress(JobRepository repository, long executionId, LiveRun live) {
        this.repository = repository;
        this.executionId = executionId;
        this.live = live;
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cluster-progress-" + executionId);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts following {@code executionId}, first after one {@code poll}. */
    static ManagerProgress follow(JobRepository repository, long executionId, LiveRun live, Duration poll) {
        ManagerProgress progress = new ManagerProgress(repository, executionId, live);
        long every = poll.toMillis();
        progress.poller.scheduleWithFixedDelay(progress::poll, every, every, TimeUnit.MILLISECONDS);
        return progress;
    }

    private void poll() {
        try {
            JobExecution execution = repository.getJobExecution(executionId);
            if (execution != null) {
                live.follow(ExecutionTally.sum(execution.getStepExecutions()));
            }
        } catch (RuntimeException e) {
            // The database may be away for a moment; the next poll (or the run's end) catches up.
            log.debug("Could not read the progress of execution {}: {}", executionId, e.getMessage());
        }
    }

    /** Stops polling; the run's end follows the partitions read back once more by the caller. */
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
