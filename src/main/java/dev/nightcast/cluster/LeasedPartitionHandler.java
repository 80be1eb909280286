package dev.nightcast.cluster;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import dev.nightcast.store.EpisodeClaims;
import dev.nightcast.store.WorkerLeases;

/**
 * The manager's wait for its partitions, made to survive worker hosts that die: while the
 * {@code delegate} (Spring Batch's {@code MessageChannelPartitionHandler}) polls the repository, this
 * looks every {@code poll} for partitions whose host's lease has passed ({@code kill -9}, a node
 * lost) and marks them FAILED with exit code {@value #WORKER_LOST}: their claims are free for the
 * other hosts already, and a partition of a dead host would otherwise say STARTED forever. Only an
 * expired lease counts; a live host's partition is never touched. Once every entry of the run is
 * done, partitions no host has taken yet (more partitions than slots) are not needed and end
 * ABANDONED ({@value #NOT_NEEDED}).
 *
 * <p>When all partitions have ended, the run's claim table decides: lost and unneeded partitions are
 * left out of the step's result if every entry is done (the run completed, with the work of the
 * lost host done by others); if entries are left although no partition failed or stopped (every
 * host left on SIGTERM before finishing), the step fails saying so, and the next run continues.
 *
 * <p>A broker that does not take the partition requests fails the step at once with one line for
 * the operator ({@value #BROKER_UNREACHABLE}), as the run's stop reason, rather than a stack trace.
 */
final class LeasedPartitionHandler implements PartitionHandler {

    static final String WORKER_LOST = "WORKER_LOST";
    static final String NOT_NEEDED = "NOT_NEEDED";
    static final String BROKER_UNREACHABLE = "BROKER_UNREACHABLE";
    private static final Logger log = LoggerFactory.getLogger(LeasedPartitionHandler.class);

    private final PartitionHandler delegate;
    private final JobRepository jobRepository;
    private final WorkerLeases leases;
    private final EpisodeClaims claims;
    private final Duration poll;
    /** Where the broker is, for the operator ({@code host:port}); never the credentials. */
    private final String broker;

    LeasedPartitionHandler(
            PartitionHandler delegate,
            JobRepository jobRepository,
            WorkerLeases leases,
            EpisodeClaims claims,
            Duration poll,
            String broker) {
        this.delegate = delegate;
        this.jobRepository = jobRepository;
        this.leases = leases;
        this.claims = claims;
        this.poll = poll;
        this.broker = broker;
    }

    @Override
    public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution manager) throws Exception {
        long jobExecutionId = manager.getJobExecutionId();
        long instanceId = manager.getJobExecution().getJobInstance().getInstanceId();
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lost-partitions");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(
                () -> {
                    try {
                        watch(jobExecutionId, instanceId, manager.getId());
                    } catch (RuntimeException e) {
                        log.warn("Could not look for lost partitions: {}", e.getMessage());
                    }
                },
                poll.toMillis(),
                poll.toMillis(),
                TimeUnit.MILLISECONDS);
        Collection<StepExecution> partitions;
        try {
            partitions = delegate.handle(splitter, manager);
        } catch (Exception e) {
            // The send goes through a channel and the AMQP adapter: the broker's failure is wrapped.
            AmqpException cause = brokerFailure(e);
            if (cause == null) {
                throw e;
            }
            throw unsent(jobExecutionId, manager, cause);
        } finally {
            watcher.shutdownNow();
        }
        EpisodeClaims.Standing standing = claims.standing(instanceId);
        if (standing.allDone()) {
            List<StepExecution> counted = partitions.stream()
                    .filter(partition -> !set(WORKER_LOST, NOT_NEEDED)
                            .contains(partition.getExitStatus().getExitCode()))
                    .toList();
            if (counted.size() < partitions.size()) {
                log.info(
                        "Every episode ended; {} partition(s) lost with their host or not needed are left out",
                        partitions.size() - counted.size());
            }
            return counted;
        }
        // STOPPED is not "unsuccessful" to Spring Batch (only FAILED and beyond are), but a partition
        // stopped at the run's limit or by a stop ends the step STOPPED, which the run then reports.
        boolean anyUnsuccessful = partitions.stream()
                .anyMatch(partition ->
                        (partition.getStatus().isUnsuccessful() || partition.getStatus() == BatchStatus.STOPPED)
                                && !set(WORKER_LOST, NOT_NEEDED)
                                        .contains(partition.getExitStatus().getExitCode()));
        if (anyUnsuccessful) {
            // A partition failed (an outage) or stopped (a limit, a stop): the step says so itself.
            return partitions;
        }
        throw new IllegalStateException((standing.queued() + standing.claimedLive() + standing.claimedExpired())
                + " episode(s) were not finished: the worker hosts left (SIGTERM) or were lost before they "
                + "narrated them. Start workers and run the same params again: the run continues where it stopped.");
    }

    /**
     * The broker did not take a partition request (it is down, restarting or cut off, or it did not
     * confirm the request). Partitions no host has taken end FAILED here rather than stay STARTING in
     * the repository, so a request of theirs the broker still holds is dropped by the host that gets
     * it; a partition a host took already runs on (the next run waits for it, as after a manager that
     * died). The step fails with the reason as the stop reason and exit 1; the same
     * command again continues the run.
     */
    private BrokerUnreachableException unsent(long jobExecutionId, StepExecution manager, AmqpException cause) {
        String reason = "Cannot send the run's partitions to the worker hosts: the broker (RabbitMQ at " + broker
                + ") did not take them (" + rootMessage(cause) + "). Nothing was lost: run the same command again "
                + "once the broker is back, and the run continues where it stopped.";
        JobExecution execution = jobRepository.getJobExecution(jobExecutionId);
        if (execution != null) {
            List<Long> unstarted = execution.getStepExecutions().stream()
                    .filter(step -> step.getId() != manager.getId() && step.getStatus() == BatchStatus.STARTING)
                    .map(StepExecution::getId)
                    .toList();
            for (Long idle : leases.untaken(unstarted)) {
                end(
                        idle,
                        BatchStatus.FAILED,
                        new ExitStatus(BROKER_UNREACHABLE, "The broker did not take this partition's request"));
            }
        }
        manager.setExitStatus(new ExitStatus(BROKER_UNREACHABLE));
        return new BrokerUnreachableException(reason);
    }

    private static @Nullable AmqpException brokerFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AmqpException amqp) {
                return amqp;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static Set<String> set(String... codes) {
        return Set.of(codes);
    }

    private void watch(long jobExecutionId, long instanceId, long managerStepId) {
        JobExecution execution = jobRepository.getJobExecution(jobExecutionId);
        if (execution == null) {
            return;
        }
        List<StepExecution> running = execution.getStepExecutions().stream()
                .filter(step ->
                        step.getId() != managerStepId && step.getStatus().isRunning())
                .toList();
        List<Long> runningIds = running.stream().map(StepExecution::getId).toList();
        for (Long lost : leases.lost(runningIds)) {
            end(
                    lost,
                    BatchStatus.FAILED,
                    new ExitStatus(
                            WORKER_LOST,
                            "The worker host running this partition "
                                    + "stopped renewing its lease (killed, or cut off from the database); other hosts took over "
                                    + "its episodes"));
        }
        List<Long> unstarted = running.stream()
                .filter(step -> step.getStatus() == BatchStatus.STARTING)
                .map(StepExecution::getId)
                .toList();
        if (execution.isStopping() || execution.getStatus() == BatchStatus.STOPPED) {
            // Stopping (SIGTERM to the manager): partitions still in the queue are not to start.
            for (Long idle : leases.untaken(unstarted)) {
                end(
                        idle,
                        BatchStatus.STOPPED,
                        new ExitStatus(
                                ExitStatus.STOPPED.getExitCode(),
                                "The run was stopped before a worker host took this partition"));
            }
        } else if (claims.standing(instanceId).allDone()) {
            for (Long idle : leases.untaken(unstarted)) {
                end(
                        idle,
                        BatchStatus.ABANDONED,
                        new ExitStatus(NOT_NEEDED, "Every episode had ended before a worker host took this partition"));
            }
        }
    }

    private void end(long stepExecutionId, BatchStatus status, ExitStatus exitStatus) {
        StepExecution partition = jobRepository.getStepExecution(stepExecutionId);
        if (partition == null || !partition.getStatus().isRunning()) {
            return;
        }
        log.warn(
                "Partition {} ({}): {}",
                partition.getStepName(),
                exitStatus.getExitCode(),
                exitStatus.getExitDescription());
        partition.setStatus(status);
        partition.setExitStatus(exitStatus);
        partition.setEndTime(LocalDateTime.now());
        jobRepository.update(partition);
    }
}
