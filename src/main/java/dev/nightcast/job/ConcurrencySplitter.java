package dev.nightcast.job;

import java.util.HashSet;
import java.util.Set;

import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Creates the run's workers: one per unit of its {@code concurrency} job parameter (the step
 * builder cannot read it because the step is built once, before any run).
 *
 * <p>Every execution gets fresh workers, a restart included. Spring Batch's own splitter would
 * restart only the failed run's unfinished workers, with the failed run's grid size: a restart
 * would then run with fewer slots than asked for, and refuse to start at all while a killed run's
 * worker still says STARTED. Workers keep no state worth resuming (they pull from the
 * execution's shared queue, and finished episodes are recognised by fingerprint), so nothing is
 * lost by starting them afresh.
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
    public Set<StepExecution> split(StepExecution stepExecution, int gridSize) {
        int workers = RunParams.from(stepExecution.getJobParameters()).concurrency();
        Set<StepExecution> executions = new HashSet<>();
        for (int partition = 0; partition < workers; partition++) {
            executions.add(jobRepository.createStepExecution(
                    stepName + ":partition" + partition, stepExecution.getJobExecution()));
        }
        return executions;
    }
}
