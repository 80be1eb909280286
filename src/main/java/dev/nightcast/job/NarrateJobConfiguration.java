package dev.nightcast.job;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.nightcast.audio.AudioProperties;
import dev.nightcast.budget.PriceTable;
import dev.nightcast.gateway.RunGateways;
import dev.nightcast.input.InputProperties;
import dev.nightcast.job.GracefulStop;
import dev.nightcast.narration.EpisodeOutcome;
import dev.nightcast.narration.NarrationProcessor;
import dev.nightcast.narration.NarrationProperties;
import dev.nightcast.narration.SegmentSharing;
import dev.nightcast.podcast.Mp3Renditions;
import dev.nightcast.publication.EpisodeWriter;
import dev.nightcast.publication.OutputLayout;
import dev.nightcast.publication.OutputOwnership;
import dev.nightcast.publication.PublishedEpisodeCheck;
import dev.nightcast.realtime.RealtimeGateway;
import dev.nightcast.script.ScriptEntry;
import dev.nightcast.store.EpisodeRepository;
import dev.nightcast.store.FailedEpisodes;
import dev.nightcast.store.InputProblemRepository;
import dev.nightcast.store.JdbcAttemptLog;
import dev.nightcast.throughput.ThroughputProperties;

/**
 * The {@code narrate} job in one place.
 *
 * <p>Concurrency: the {@code narrate} step is partitioned into {@code concurrency} workers that pull
 * episodes from one shared queue, each a chunk-oriented step with chunk size 1. So exactly N
 * narrations stay in flight until the input runs out, one slow episode never holds the other slots
 * idle (Spring Batch 6's multi-threaded chunk step would wait for the whole chunk), and each episode
 * commits on its own. Once the input has run out, a worker with nothing left to read helps with the
 * segments of the episodes still in flight ({@link SegmentSharing}) before it ends, so the last
 * episodes of a run are read by every slot rather than one each.
 *
 * <p>Gateway: the processors share the run's throttled gateway ({@link RunGateways#forRun}), which
 * admits fewer than N sessions at once when the gateway's quota says so.
 *
 * <p>Transactions: a narration takes minutes, so workers do not hold a database transaction (and a
 * pooled connection) while the gateway talks ({@link #chunkTransactions()}); the writer opens a
 * short transaction per episode.
 *
 * <p>Operator experience rides on listeners, never in narration code: {@link EpisodeListener} and
 * {@link RunMonitor} follow every episode (progress, spend, per-execution tally), the
 * {@link GuardedEpisodeReader} applies {@code max-cost} and {@code finish-by}, and {@link RunOutputs}
 * writes the summary JSON, review page and feed when the job ends.
 */
@Configuration(proxyBeanMethods = false)
public class NarrateJobConfiguration {

    public static final String JOB_NAME = "narrate";
    static final String WORKER_STEP = "narrateWorker";

    @Bean
    Job narrateJob(JobRepository jobRepository, Step narrateStep, EpisodeQueues queues, OutageBreakers breakers,
            RunMonitor monitor, RunOutputs outputs, GracefulStop gracefulStop) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(narrateStep)
                .listener(gracefulStop)
                .listener(new JobExecutionListener() {
                    @Override
                    public void afterJob(JobExecution jobExecution) {
                        queues.release(jobExecution.getId());
                    }
                })
                // afterJob runs in reverse order: the monitor and the breakers settle the exit status,
                // then the outputs are written.
                .listener(outputs)
                .listener(breakers)
                .listener(monitor)
                .build();
    }

    @Bean
    Step narrateStep(JobRepository jobRepository, Step narrateWorker) {
        return new StepBuilder("narrate", jobRepository)
                .partitioner(narrateWorker)
                .splitter(new ConcurrencySplitter(jobRepository, WORKER_STEP))
                .taskExecutor(new SimpleAsyncTaskExecutor("narrate-"))
                .build();
    }

    @Bean
    Step narrateWorker(JobRepository jobRepository, EpisodeQueueReader episodeReader,
            NarrationProcessor narrationProcessor, EpisodeWriter episodeWriter, RunMonitor monitor,
            PriceTable prices, Mp3Renditions renditions) {
        return new StepBuilder(WORKER_STEP, jobRepository)
                .<ScriptEntry, EpisodeOutcome>chunk(1)
                // No episode starts past the run's max-cost or finish-by.
                .reader(new GuardedEpisodeReader(episodeReader, monitor))
                .processor(narrationProcessor)
                .writer(episodeWriter)
                // Progress, spend and the per-execution tally, without touching narration code.
                .listener((StepListener) new EpisodeListener(monitor, prices))
                // MP3s are made in the background while the other episodes are narrated.
                .listener((StepListener) new Mp3AfterPublish(renditions))
                .transactionManager(chunkTransactions())
                .build();
    }

    /**
     * The workers' chunk transactions: resourceless, and without transaction synchronization. With
     * synchronization on, every JDBC call made while a worker narrates (the published-episode
     * check, attempt rows) would bind a pooled connection to the worker until its chunk ends,
     * minutes later; with more workers (or helping workers) than connections, the pool runs dry and
     * workers fail. Without it, each call takes a connection and hands it back; the writer commits
     * in a real transaction of its own.
     */
    private static ResourcelessTransactionManager chunkTransactions() {
        ResourcelessTransactionManager transactions = new ResourcelessTransactionManager();
        transactions.setTransactionSynchronization(AbstractPlatformTransactionManager.SYNCHRONIZATION_NEVER);
        return transactions;
    }

    @Bean
    @StepScope
    EpisodeQueueReader episodeReader(EpisodeQueues queues, OutageBreakers breakers, FailedEpisodes failedEpisodes,
            SegmentSharing sharing, InputProperties inputLimits,
            @Value("#{stepExecution}") StepExecution stepExecution) {
        // The same loader and selection as check's, from the same params.
        RunParams params = RunParams.of(stepExecution.getJobExecution().getJobParameters());
        return new EpisodeQueueReader(queues, stepExecution.getJobExecutionId(), params.scriptLoader(inputLimits),
                params.input(), EpisodeSelection.of(params, failedEpisodes),
                breakers.forExecution(stepExecution.getJobExecutionId(), params.concurrency()), sharing);
    }

    @Bean
    @StepScope
    NarrationProcessor narrationProcessor(RunGateways gateways, NarrationProperties settings, AudioProperties audio,
            ThroughputProperties throughput, EpisodeRepository episodes, JdbcAttemptLog attemptLog,
            OutageBreakers breakers, SegmentSharing sharing, Clock clock,
            @Value("#{stepExecution}") StepExecution stepExecution,
            @Value("#{jobParameters['gateway']}") String gateway,
            @Value("#{jobParameters['output']}") String output,
            @Value("#{jobParameters['max-attempts']}") Long maxAttempts,
            @Value("#{jobParameters['concurrency']}") Long concurrency,
            @Value("#{jobParameters['max-requests-per-minute']}") Long maxRequestsPerMinute) {
        OutputLayout layout = new OutputLayout(Path.of(output));
        RealtimeGateway throttled = gateways.forRun(gateway, concurrency.intValue(),
                maxRequestsPerMinute == null ? 0 : maxRequestsPerMinute.intValue());
        return new NarrationProcessor(throttled, settings, audio.mastering(), throughput,
                new PublishedEpisodeCheck(episodes, layout), new OutputOwnership(episodes, layout), layout, attemptLog,
                breakers.forExecution(stepExecution.getJobExecutionId(), concurrency.intValue()), sharing,
                maxAttempts.intValue(), clock, () -> ThreadLocalRandom.current().nextDouble());
    }

    @Bean
    @StepScope
    EpisodeWriter episodeWriter(EpisodeRepository episodes, InputProblemRepository inputProblems,
            PlatformTransactionManager transactionManager,
            @Value("#{jobParameters['output']}") String output) throws IOException {
        return new EpisodeWriter(episodes, inputProblems, OutputLayout.prepare(Path.of(output)),
                new TransactionTemplate(transactionManager));
    }
}
