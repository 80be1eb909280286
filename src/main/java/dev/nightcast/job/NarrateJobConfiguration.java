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
import org.springframework.batch.core.partition.support.SimplePartitioner;
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
import org.springframework.transaction.support.TransactionTemplate;

import dev.nightcast.narration.EpisodeOutcome;
import dev.nightcast.narration.NarrationProcessor;
import dev.nightcast.narration.NarrationProperties;
import dev.nightcast.realtime.RealtimeGateway;
import dev.nightcast.script.ScriptDefaults;
import dev.nightcast.script.ScriptEntry;
import dev.nightcast.script.ScriptLoader;
import dev.nightcast.store.EpisodeRepository;
import dev.nightcast.store.EpisodeWriter;
import dev.nightcast.store.InputProblemRepository;
import dev.nightcast.store.JdbcAttemptLog;
import dev.nightcast.store.OutputLayout;
import dev.nightcast.store.PublishedEpisodeCheck;

/**
 * The {@code narrate} job in one place.
 *
 * <p>Concurrency: the {@code narrate} step is partitioned into {@code concurrency} workers that pull
 * episodes from one shared queue, each a chunk-oriented step with chunk size 1. So exactly N
 * narrations stay in flight until the input runs out, one slow episode never holds the other slots
 * idle (Spring Batch 6's multi-threaded chunk step would wait for the whole chunk), and each episode
 * commits on its own.
 *
 * <p>Gateway: the processors share the run's throttled gateway ({@link RunGateways#forRun}), which
 * admits fewer than N sessions at once when the gateway's quota says so.
 *
 * <p>Transactions: a narration takes minutes, so workers do not hold a database transaction (and a
 * pooled connection) while the gateway talks; the writer opens a short transaction per episode.
 */
@Configuration(proxyBeanMethods = false)
class NarrateJobConfiguration {

    static final String JOB_NAME = "narrate";
    static final String WORKER_STEP = "narrateWorker";

    @Bean
    Job narrateJob(JobRepository jobRepository, Step narrateStep, EpisodeQueues queues) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(narrateStep)
                .listener(new JobExecutionListener() {
                    @Override
                    public void afterJob(JobExecution jobExecution) {
                        queues.release(jobExecution.getId());
                    }
                })
                .build();
    }

    @Bean
    Step narrateStep(JobRepository jobRepository, Step narrateWorker) {
        return new StepBuilder("narrate", jobRepository)
                .partitioner(WORKER_STEP, new SimplePartitioner())
                .splitter(new ConcurrencySplitter(jobRepository, WORKER_STEP, new SimplePartitioner()))
                .step(narrateWorker)
                .taskExecutor(new SimpleAsyncTaskExecutor("narrate-"))
                .build();
    }

    @Bean
    Step narrateWorker(JobRepository jobRepository, EpisodeQueueReader episodeReader,
            NarrationProcessor narrationProcessor, EpisodeWriter episodeWriter) {
        return new StepBuilder(WORKER_STEP, jobRepository)
                .<ScriptEntry, EpisodeOutcome>chunk(1)
                .reader(episodeReader)
                .processor(narrationProcessor)
                .writer(episodeWriter)
                .transactionManager(new ResourcelessTransactionManager())
                .build();
    }

    @Bean
    @StepScope
    EpisodeQueueReader episodeReader(EpisodeQueues queues,
            @Value("#{stepExecution}") StepExecution stepExecution,
            @Value("#{jobParameters['input']}") String input,
            @Value("#{jobParameters['voice']}") String voice,
            @Value("#{jobParameters['instructions']}") String instructions) {
        return new EpisodeQueueReader(queues, stepExecution.getJobExecutionId(),
                new ScriptLoader(new ScriptDefaults(voice, instructions)), input);
    }

    @Bean
    @StepScope
    NarrationProcessor narrationProcessor(RunGateways gateways, NarrationProperties settings,
            EpisodeRepository episodes, JdbcAttemptLog attemptLog, Clock clock,
            @Value("#{jobParameters['gateway']}") String gateway,
            @Value("#{jobParameters['output']}") String output,
            @Value("#{jobParameters['max-attempts']}") Long maxAttempts,
            @Value("#{jobParameters['concurrency']}") Long concurrency,
            @Value("#{jobParameters['max-requests-per-minute']}") Long maxRequestsPerMinute) {
        OutputLayout layout = new OutputLayout(Path.of(output));
        RealtimeGateway throttled = gateways.forRun(gateway, concurrency.intValue(),
                maxRequestsPerMinute == null ? 0 : maxRequestsPerMinute.intValue());
        return new NarrationProcessor(throttled, settings, new PublishedEpisodeCheck(episodes, layout),
                layout, attemptLog, maxAttempts.intValue(), clock, () -> ThreadLocalRandom.current().nextDouble());
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
