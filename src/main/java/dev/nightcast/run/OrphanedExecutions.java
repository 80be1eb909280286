package dev.nightcast.run;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

import dev.nightcast.cluster.ClusterProperties;
import dev.nightcast.job.NarrateJobConfiguration;
import dev.nightcast.store.WorkerLeases;

/**
 * Finds narrate executions left running by a process that is gone ({@code kill -9}, OOM, a node
 * drained, a second SIGTERM) and marks them FAILED through {@link JobOperator#recover}, so that the
 * next run can restart them. Only call it while holding the {@link RunLock}: then no live process
 * is running any of them.
 *
 * <p>Two cases: the execution itself still says STARTED (or STARTING, STOPPING); or it says STOPPED
 * but some of its steps still say STARTED, because a stopped run was killed before its workers
 * finished. Spring Batch refuses to restart either.
 *
 * <p>In a cluster the run lock is the manager's alone: worker hosts run partitions without it, and
 * a manager that died leaves them running. So there a partition counts as orphaned only when its
 * host's lease has passed; a live host's partition is left running (it finishes its episode and
 * claims more of the same run, see {@code job.ClaimedEpisodes}), and only the execution and its
 * manager step are marked FAILED, so that the run can be continued.
 */
@Component
class OrphanedExecutions {

    private static final Logger log = LoggerFactory.getLogger(OrphanedExecutions.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;

    private final ClusterProperties cluster;
    private final WorkerLeases leases;

    OrphanedExecutions(
            JobOperator jobOperator, JobRepository jobRepository, ClusterProperties cluster, WorkerLeases leases) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.cluster = cluster;
        this.leases = leases;
    }

    /** Recovers every orphaned narrate execution; returns their ids. */
    List<Long> recoverAll() {
        List<Long> recovered = new ArrayList<>();
        for (JobExecution execution : jobRepository.findRunningJobExecutions(NarrateJobConfiguration.JOB_NAME)) {
            JobExecution current =
                    Objects.requireNonNull(jobRepository.getJobExecution(execution.getId()), "a running execution");
            if (!needsRecovery(current)) {
                continue;
            }
            recover(current);
            recovered.add(execution.getId());
        }
        return recovered;
    }

    /** True when the execution or one of its steps still says it is running. */
    static boolean isOrphaned(JobExecution execution) {
        return execution.getStatus().isRunning()
                || execution.getStepExecutions().stream()
                        .map(StepExecution::getStatus)
                        .anyMatch(s -> s.isRunning());
    }

    /** Marks the execution and its running steps FAILED; returns it as it now is. */
    JobExecution recover(JobExecution execution) {
        log.warn(
                "Execution {} was left {} by a process that ended without closing it; marking it FAILED so it "
                        + "can be continued",
                execution.getId(),
                execution.getStatus());
        if (!cluster.enabled()) {
            return jobOperator.recover(execution);
        }
        return recoverLeavingLivePartitions(execution);
    }

    /** {@link JobOperator#recover}, except for the partitions a live worker host runs. */
    private JobExecution recoverLeavingLivePartitions(JobExecution execution) {
        for (StepExecution step : execution.getStepExecutions()) {
            if (!step.getStatus().isRunning()) {
                continue;
            }
            if (leases.isLive(step.getId())) {
                log.info(
                        "Partition {} of execution {} still runs on a live worker host; it is left to finish",
                        step.getId(),
                        execution.getId());
                continue;
            }
            step.setStatus(BatchStatus.FAILED);
            step.setEndTime(LocalDateTime.now());
            jobRepository.update(step);
        }
        if (execution.getStatus().isRunning() || execution.getStatus() == BatchStatus.STOPPED) {
            execution.setStatus(BatchStatus.FAILED);
        }
        if (execution.getEndTime() == null) {
            execution.setEndTime(LocalDateTime.now());
        }
        jobRepository.update(execution);
        return execution;
    }

    /**
     * Waits until no partition of {@code execution} runs any more, recovering those whose host's
     * lease passes meanwhile; returns the execution as it then is. Spring Batch restarts an execution
     * only when none of its steps is running, and the partitions of live hosts are finishing the
     * run's episodes (they claim from the same table): waiting for them loses nothing and pays
     * nothing twice. At most {@code nightcast.cluster.timeout}.
     */
    JobExecution awaitLivePartitions(JobExecution execution) throws InterruptedException {
        long deadline = System.nanoTime() + cluster.timeout().toNanos();
        JobExecution current = execution;
        boolean told = false;
        while (true) {
            List<StepExecution> running = current.getStepExecutions().stream()
                    .filter(step -> step.getStatus().isRunning())
                    .toList();
            if (running.isEmpty() || !cluster.enabled()) {
                return current;
            }
            if (needsRecovery(current)) {
                current = recover(current);
                continue;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(running.size() + " partition(s) of execution " + current.getId()
                        + " still run on live worker hosts after " + cluster.timeout() + "; run again later");
            }
            if (!told) {
                log.info(
                        "{} partition(s) of execution {} run on live worker hosts and are finishing the run's "
                                + "episodes; the run continues when they end",
                        running.size(),
                        current.getId());
                told = true;
            }
            Thread.sleep(cluster.poll().toMillis());
            current = Objects.requireNonNull(jobRepository.getJobExecution(current.getId()), "the run's execution");
        }
    }

    /**
     * True when the execution still needs recovering: in a cluster, one whose steps still running
     * all run on live hosts (and which is no longer running itself) needs none.
     */
    boolean needsRecovery(JobExecution execution) {
        if (!isOrphaned(execution)) {
            return false;
        }
        if (!cluster.enabled() || execution.getStatus().isRunning()) {
            return true;
        }
        return execution.getStepExecutions().stream()
                .filter(step -> step.getStatus().isRunning())
                .anyMatch(step -> !leases.isLive(step.getId()));
    }
}
