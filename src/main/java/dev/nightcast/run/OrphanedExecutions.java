package dev.nightcast.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

import dev.nightcast.job.NarrateJobConfiguration;

/**
 * Finds narrate executions left running by a process that is gone ({@code kill -9}, OOM, a node
 * drained, a second SIGTERM) and marks them FAILED through {@link JobOperator#recover}, so that the
 * next run can restart them. Only call it while holding the {@link RunLock}: then no live process
 * is running any of them.
 *
 * <p>Two cases: the execution itself still says STARTED (or STARTING, STOPPING); or it says STOPPED
 * but some of its steps still say STARTED, because a stopped run was killed before its workers
 * finished. Spring Batch refuses to restart either.
 */
@Component
class OrphanedExecutions {

    private static final Logger log = LoggerFactory.getLogger(OrphanedExecutions.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;

    OrphanedExecutions(JobOperator jobOperator, JobRepository jobRepository) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
    }

    /** Recovers every orphaned narrate execution; returns their ids. */
    List<Long> recoverAll() {
        List<Long> recovered = new ArrayList<>();
        for (JobExecution execution : jobRepository.findRunningJobExecutions(NarrateJobConfiguration.JOB_NAME)) {
            recover(Objects.requireNonNull(jobRepository.getJobExecution(execution.getId()), "a running execution"));
            recovered.add(execution.getId());
        }
        return recovered;
    }

    /** True when the execution or one of its steps still says it is running. */
    static boolean isOrphaned(JobExecution execution) {
        return execution.getStatus().isRunning()
                || execution.getStepExecutions().stream().map(StepExecution::getStatus).anyMatch(s -> s.isRunning());
    }

    /** Marks the execution and its running steps FAILED; returns it as it now is. */
    JobExecution recover(JobExecution execution) {
        log.warn("Execution {} was left {} by a process that ended without closing it; marking it FAILED so it "
                + "can be continued", execution.getId(), execution.getStatus());
        return jobOperator.recover(execution);
    }
}
