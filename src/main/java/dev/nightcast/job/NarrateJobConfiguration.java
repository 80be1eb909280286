package dev.nightcast.job;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.PartitionStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.nightcast.audio.AudioProperties;
import dev.nightcast.budget.PriceTable;
import dev.nightcast.cluster.ClusterSteps;
import dev.nightcast.gateway.RunGateways;
import dev.nightcast.narration.EpisodeOutcome;
import dev.nightcast.narration.NarrationProcessor;
import dev.nightcast.narration.NarrationProperties;
import dev.nightcast.podcast.Mp3Renditions;
import dev.nightcast.publication.EpisodeWriter;
import dev.nightcast.publication.OutputLayout;
import dev.nightcast.publication.OutputOwnership;
import dev.nightcast.publication.PublishedEpisodeCheck;
import dev.nightcast.script.ScriptEntry;
import dev.nightcast.store.EpisodeRepository;
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
 * commits on its own. Once the input has run out, a worker helps with the segments of the episodes
 * still in flight ({@link HelpWithEpisodesInFlight}) before it ends, so the last episodes of a run
 * are read by every slot rather than one each.
 *
 * <p>State: what the workers of one execution share (params, queue, outage breaker, live run,
 * segment sharing) is its {@link RunScope}, opened and released by the job's one listener,
 * {@link RunScopes}. Every step-scoped bean takes the worker's {@link RunScope}; none reads job
 * parameters itself.
 *
 * <p>Gateway: the processors share the execution's throttled gateway, kept in its {@link RunScope}
 * ({@link RunGateways#forExecution}), which admits fewer than N sessions at once when the gateway's
 * quota says so; with several deployments, a pool that gives each deployment a throttle of its own.
 *
 * <p>Transactions: a narration takes minutes, so workers do not hold a database transaction (and a
 * pooled connection) while the gateway talks ({@link #chunkTransactions()}); the writer opens a
 * short transaction per episode.
 *
 * <p>Operator experience rides on listeners, never in narration code: {@link EpisodeListener} follows
 * every episode (progress, spend, per-execution tally), the {@link GuardedEpisodeReader} applies
 * {@code max-cost} and {@code finish-by}, and {@link RunScopes} settles the exit status and writes
 * the summary JSON, review page and feed when the job ends.
 */
@Configuration(proxyBeanMethods = false)
public class NarrateJobConfiguration {

    public static final String JOB_NAME = "narrate";
    static final String WORKER_STEP = ClusterSteps.WORKER_STEP;

    @Bean
    Job narrateJob(JobRepository jobRepository, Step narrateStep, RunScopes runScopes) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(narrateStep)
                .listener(runScopes)
                .build();
    }

    /**
     * The registry of jobs, as a bean of its own: without it Spring Batch's job operator collects the
     * jobs while it is created, and {@link GracefulStop}, which stops through that operator and is
     * told of every execution by the job's listener, would close a cycle of beans.
     */
    @Bean
    MapJobRegistry jobRegistry() {
        return new MapJobRegistry();
    }

    /**
     * The partitioned step. In one process its workers run on threads here; in a cluster (the
     * {@code cluster} package defines a {@link PartitionHandler}: {@code nightcast.cluster.enabled=true})
     * the same partitions go to the worker hosts through RabbitMQ and this process only waits for them.
     */
    @Bean
    Step narrateStep(JobRepository jobRepository, Step narrateWorker, ObjectProvider<PartitionHandler> remote) {
        PartitionStepBuilder step = new StepBuilder("narrate", jobRepository)
                .partitioner(narrateWorker)
                .splitter(new ConcurrencySplitter(jobRepository, WORKER_STEP));
        PartitionHandler remotePartitions = remote.getIfAvailable();
        return remotePartitions != null
                ? step.partitionHandler(remotePartitions).build()
                : step.taskExecutor(new SimpleAsyncTaskExecutor("narrate-")).build();
    }

    @Bean
    Step narrateWorker(
            JobRepository jobRepository,
            GuardedEpisodeReader episodeReader,
            NarrationProcessor narrationProcessor,
            EpisodeWriter episodeWriter,
            EpisodeListener episodeListener,
            Mp3AfterPublish mp3AfterPublish,
            RunScopes runScopes) {
        return new StepBuilder(WORKER_STEP, jobRepository)
                .<ScriptEntry, EpisodeOutcome>chunk(1)
                // No episode starts past the run's max-cost or finish-by.
                .reader(episodeReader)
                .processor(narrationProcessor)
                .writer(episodeWriter)
                // Progress, spend and the per-execution tally, without touching narration code.
                .listener((StepListener) episodeListener)
                // MP3s are made in the background while the other episodes are narrated.
                .listener((StepListener) mp3AfterPublish)
                // Once the queue is empty, the worker helps with the episodes still in flight, then ends.
                .listener((StepListener) new HelpWithEpisodesInFlight(runScopes))
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

    /**
     * The run the calling worker belongs to; the other step-scoped beans take it. Not proxied: only
     * step-scoped beans, created on the worker's thread, use it.
     */
    @Bean
    @Scope(scopeName = "step", proxyMode = ScopedProxyMode.NO)
    RunScope runScope(RunScopes runScopes, @Value("#{stepExecution}") StepExecution worker) {
        return runScopes.forWorker(worker);
    }

    @Bean
    @StepScope
    GuardedEpisodeReader episodeReader(RunScope run, @Value("#{stepExecution}") StepExecution worker) {
        return new GuardedEpisodeReader(
                new EpisodeQueueReader(run.source(), run.breaker(), run.sharing(), worker), run.live(), worker);
    }

    @Bean
    @StepScope
    NarrationProcessor narrationProcessor(
            RunScope run,
            NarrationProperties settings,
            AudioProperties audio,
            ThroughputProperties throughput,
            EpisodeRepository episodes,
            JdbcClient jdbc,
            Clock clock) {
        RunParams params = run.params();
        OutputLayout layout = new OutputLayout(params.output());
        NarrationProcessor processor = new NarrationProcessor(
                run.gateway(),
                settings,
                audio.mastering(),
                throughput,
                new PublishedEpisodeCheck(episodes, layout),
                new OutputOwnership(episodes, layout),
                layout,
                new JdbcAttemptLog(jdbc, clock, run.executionId()),
                run.breaker(),
                run.sharing(),
                params.maxAttempts(),
                clock,
                () -> ThreadLocalRandom.current().nextDouble(),
                params.modelVersion());
        // In a cluster, this host's idle workers narrate other hosts' segments through it.
        run.sharing().helpOtherHostsWith(processor);
        return processor;
    }

    @Bean
    @StepScope
    EpisodeWriter episodeWriter(
            RunScope run,
            EpisodeRepository episodes,
            InputProblemRepository inputProblems,
            PlatformTransactionManager transactionManager)
            throws IOException {
        return new EpisodeWriter(
                episodes,
                inputProblems,
                OutputLayout.prepare(run.params().output()),
                new TransactionTemplate(transactionManager),
                run.executionId());
    }

    @Bean
    @StepScope
    EpisodeListener episodeListener(RunScope run, PriceTable prices) {
        return new EpisodeListener(run.live(), run.source(), prices);
    }

    @Bean
    @StepScope
    Mp3AfterPublish mp3AfterPublish(RunScope run, Mp3Renditions renditions) {
        // On a worker host of a cluster, the manager makes the MP3s at the end of the run: two hosts
        // encoding the same WAV into the shared folder at once would race for its name.
        return new Mp3AfterPublish(
                run.remote() ? null : renditions, new OutputLayout(run.params().output()));
    }
}
