package dev.nightcast.job;

import java.util.HashSet;
import java.util.Set;

import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Creates one worker per unit of the run's {@code concurrency} job parameter, on a first run and on
 * a restart alike.
 *
 * <p>Spring Batch's own splitter would replay the failed execution's partitions on a restart (and
 * skip those that completed), tying a restart to the old worker count. Workers here hold no state of
 * their own — they all pull from the execution's shared queue, and finished episodes are skipped by
 * fingerprint — so a restart simply starts as many fresh workers as the operator asks for now.
 */
class ConcurrencySplitter implements StepExecutionSplitter {

    private final JobRepository jobRepository;
    private final String stepName;

    ConcurrencySplitter(JobRepository jobRepository, String stepName) {
        this.jobRepository = jobRepository;
        this.stepName = stepName;
    }

    @Override
    public String getStepName() {
        return stepName;
    }

    @Override
    public Set<StepExecution> split(StepExecution managerExecution, int gridSize) {
        Long concurrency = managerExecution.getJobParameters().getLong(RunParams.CONCURRENCY);
        int workers = concurrency == null ? gridSize : concurrency.intValue();
        Set<StepExecution> executions = new HashSet<>();
        for (int i = 0; i < workers; i++) {
            executions.add(jobRepository.createStepExecution(stepName + ":partition" + i,
                    managerExecution.getJobExecution()));
        }
        return executions;
    }
}
