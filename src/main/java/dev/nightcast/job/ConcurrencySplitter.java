package dev.nightcast.job;

import java.util.Set;

import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.SimpleStepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Creates one worker per unit of the run's {@code concurrency} job parameter, which the step
 * builder cannot read because the step is built once, before any run. On a restart Spring Batch
 * reuses the failed run's workers instead.
 */
class ConcurrencySplitter extends SimpleStepExecutionSplitter {

    ConcurrencySplitter(JobRepository jobRepository, String stepName, Partitioner partitioner) {
        super(jobRepository, stepName, partitioner);
    }

    @Override
    public Set<StepExecution> split(StepExecution stepExecution, int gridSize) throws JobExecutionException {
        Long concurrency = stepExecution.getJobParameters().getLong(RunParams.CONCURRENCY);
        return super.split(stepExecution, concurrency == null ? gridSize : concurrency.intValue());
    }
}
