package dev.nightcast.job;

import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

import dev.nightcast.cluster.ClusterProperties;
import dev.nightcast.cluster.WorkerIdentity;
import dev.nightcast.deployment.DeploymentPool;
import dev.nightcast.gateway.RunGateways;
import dev.nightcast.input.InputProperties;
import dev.nightcast.narration.NarrationProperties;
import dev.nightcast.narration.SegmentSharing;
import dev.nightcast.progress.LiveRun;
import dev.nightcast.report.ExecutionTally;
import dev.nightcast.report.RunReport;
import dev.nightcast.report.RunSummary;
import dev.nightcast.retry.OutageBreaker;
import dev.nightcast.script.EpisodeScript;
import dev.nightcast.script.ScriptEntry;
import dev.nightcast.store.EpisodeClaims;
import dev.nightcast.store.ExecutionDeployments;
import dev.nightcast.store.FailedEpisodes;
import dev.nightcast.store.SegmentClaims;
import dev.nightcast.store.WorkerLeases;

/**
 * The narrate job's one listener: opens the {@link RunScope} of each execution as it starts and,
 * when it ends, does in this order what the end of a run needs: settles the exit status (a limit
 * reached, a gateway outage or a refused configuration, each with the reason as the operator reads
 * it), tells the live run it ended, writes the summary JSON and refreshes the review page and feed
 * (which show that exit status), and releases the scope.
 *
 * <p>Scopes belong to the process that runs the workers and live only while the execution runs.
 * In a cluster the manager runs no workers: its scope queues the run's entries in the claim table,
 * its live run follows the hosts' tallies ({@link ManagerProgress}) and it keeps the end of the run;
 * each worker host opens a scope of its own for an execution when its first partition of it starts
 * ({@link #forWorker}: params from the job parameters, the input read from the shared folder, its own
 * breaker and live run) and releases it when its last one there ends ({@link #workerEnded}),
 * recording how the deployments of its pool stood. Thread-safe.
 */
@Component
public class RunScopes implements JobExecutionListener {

    /** The exit status of a run the outage breaker stopped; the process exits 1. */
    static final String OUTAGE_EXIT_CODE = "GATEWAY_OUTAGE";
    /** The exit status of a run stopped because the gateway refused the configuration; the process exits 64. */
    public static final String CONFIGURATION_EXIT_CODE = "GATEWAY_CONFIGURATION";

    private static final Logger log = LoggerFactory.getLogger(RunScopes.class);

    private final FailedEpisodes failedEpisodes;
    private final NarrationProperties narration;
    private final Clock clock;
    private final LiveRunFactory liveRuns;
    private final RunOutputs outputs;
    private final GracefulStop gracefulStop;
    private final ClusterProperties cluster;
    private final ClusterParts clusterParts;
    private final RunGateways gateways;
    private final ExecutionDeployments deployments;
    private final Map<Long, RunScope> open = new ConcurrentHashMap<>();
    /** Scopes of executions whose partitions run on this worker host, with how many of them run. */
    private final Map<Long, RemoteScope> remote = new ConcurrentHashMap<>();
    /** A cluster manager's executions, each followed in the job repository for its progress. */
    private final Map<Long, ManagerProgress> followed = new ConcurrentHashMap<>();

    private final AtomicReference<Input> handedOver = new AtomicReference<>();

    RunScopes(
            FailedEpisodes failedEpisodes,
            NarrationProperties narration,
            Clock clock,
            LiveRunFactory liveRuns,
            RunOutputs outputs,
            GracefulStop gracefulStop,
            ClusterProperties cluster,
            ClusterParts clusterParts,
            RunGateways gateways,
            ExecutionDeployments deployments) {
        this.failedEpisodes = failedEpisodes;
        this.narration = narration;
        this.clock = clock;
        this.liveRuns = liveRuns;
        this.outputs = outputs;
        this.gracefulStop = gracefulStop;
        this.cluster = cluster;
        this.clusterParts = clusterParts;
        this.gateways = gateways;
        this.deployments = deployments;
    }

    /** What a scope needs in a cluster: the claim and lease tables, this host, the input's limits. */
    @Component
    record ClusterParts(
            EpisodeClaims claims,
            WorkerLeases leases,
            WorkerIdentity host,
            InputProperties input,
            JobRepository jobRepository,
            RunReport report,
            SegmentClaims segments) {

        /**
         * The manager holds its partitions as it created them; their counts and tallies were written
         * by the worker hosts. Reads them back, so the summary counts what the hosts did.
         */
        void readPartitionsBack(JobExecution execution) {
            for (StepExecution partition : execution.getStepExecutions()) {
                if (!partition.getStepName().contains(":")) {
                    continue;
                }
                StepExecution stored = jobRepository.getStepExecution(partition.getId());
                if (stored != null) {
                    partition.setExecutionContext(stored.getExecutionContext());
                    partition.setFilterCount(stored.getFilterCount());
                    partition.setReadCount(stored.getReadCount());
                    partition.setWriteCount(stored.getWriteCount());
                    partition.setStatus(stored.getStatus());
                    partition.setExitStatus(stored.getExitStatus());
                }
            }
        }
    }

    private record RemoteScope(RunScope scope, int partitions) {}

    /** Input entries handed over for the execution with these job parameters. */
    private record Input(JobParameters parameters, List<ScriptEntry> entries) {}

    /**
     * Hands over the input this invocation loaded (once, to check it) for the execution about to be
     * started with {@code parameters}, which works on it instead of reading the input again. Entries
     * are no job parameters: there may be many thousands, and Spring Batch keeps parameters forever.
     */
    public void handOver(JobParameters parameters, List<ScriptEntry> entries) {
        handedOver.set(new Input(parameters, List.copyOf(entries)));
    }

    /** The scope of a running execution of this process. */
    RunScope of(long jobExecutionId) {
        RunScope scope = open.get(jobExecutionId);
        if (scope == null) {
            RemoteScope joined = remote.get(jobExecutionId);
            if (joined != null) {
                return joined.scope();
            }
            throw new IllegalStateException("Execution " + jobExecutionId + " is not running in this process");
        }
        return scope;
    }

    /**
     * The scope a worker belongs to: its execution's, when the execution runs in this process;
     * otherwise (a partition sent to this worker host) the host's scope of that execution, opened by
     * its first partition here. Each call by a remote partition is matched by {@link #workerEnded}.
     */
    RunScope forWorker(StepExecution worker) {
        long id = worker.getJobExecutionId();
        RunScope local = open.get(id);
        if (local != null) {
            return local;
        }
        return remote.compute(
                        id,
                        (key, joined) -> joined == null
                                ? new RemoteScope(openRemote(worker), 1)
                                : new RemoteScope(joined.scope(), joined.partitions() + 1))
                .scope();
    }

    /** A worker ended: the host's scope of a remote execution is released with its last partition here. */
    void workerEnded(StepExecution worker) {
        long id = worker.getJobExecutionId();
        RemoteScope[] released = new RemoteScope[1];
        remote.computeIfPresent(id, (key, joined) -> {
            if (joined.partitions() > 1) {
                return new RemoteScope(joined.scope(), joined.partitions() - 1);
            }
            released[0] = joined;
            return null;
        });
        if (released[0] != null) {
            if (released[0].scope().gateway() instanceof DeploymentPool pool) {
                recordDeployments(id, clusterParts.host().id(), pool);
            }
            released[0].scope().live().ended();
        }
    }

    private RunScope openRemote(StepExecution worker) {
        JobExecution execution = worker.getJobExecution();
        RunParams params = RunParams.from(execution.getJobParameters());
        // Every host reads the input from the shared folder; ClaimedEpisodes checks that it agrees.
        List<ScriptEntry> entries = params.scriptLoader(clusterParts.input()).load(params.input());
        long instanceId = execution.getJobInstance().getInstanceId();
        return new RunScope(
                execution.getId(),
                params,
                entries,
                OutageBreaker.forRun(narration, params.concurrency(), clock),
                gateways.forExecution(params.gateway(), params.concurrency(), params.maxRequestsPerMinute()),
                liveRuns.startOnWorkerHost(execution.getId(), params, entries.size()),
                (sharing, breaker) -> new ClaimedEpisodes(
                        clusterParts.claims(),
                        clusterParts.leases(),
                        clusterParts.host(),
                        instanceId,
                        execution.getId(),
                        entries,
                        sharing,
                        breaker,
                        cluster.poll()),
                // Idle workers of every host help with the segments of the episodes in flight on any.
                new SegmentSharing(
                        new ClusterSegmentBoard(
                                clusterParts.segments(),
                                instanceId,
                                clusterParts.host().id()),
                        scriptsById(entries)::get),
                true);
    }

    private static Map<String, EpisodeScript> scriptsById(List<ScriptEntry> entries) {
        Map<String, EpisodeScript> scripts = new HashMap<>();
        for (ScriptEntry entry : entries) {
            if (entry instanceof EpisodeScript script) {
                scripts.putIfAbsent(script.id(), script);
            }
        }
        return scripts;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        RunParams params = RunParams.from(execution.getJobParameters());
        Input input = handedOver.getAndSet(null);
        if (input == null || !input.parameters().equals(execution.getJobParameters())) {
            throw new IllegalStateException("Execution " + execution.getId() + " was started without its input: "
                    + "narrate executions are started by NarrateLauncher, which hands it over");
        }
        List<ScriptEntry> selected = EpisodeSelection.of(params, failedEpisodes).apply(input.entries());
        LiveRun live = liveRuns.start(execution.getId(), params, input.entries().size());
        if (cluster.enabled()) {
            queueForWorkerHosts(execution, params, input.entries(), selected, live);
        }
        open.put(
                execution.getId(),
                new RunScope(
                        execution.getId(),
                        params,
                        input.entries(),
                        selected,
                        OutageBreaker.forRun(narration, params.concurrency(), clock),
                        gateways.forExecution(params.gateway(), params.concurrency(), params.maxRequestsPerMinute()),
                        live));
        // The total of done/total for status in another process; the done part is in the workers' tallies.
        execution
                .getExecutionContext()
                .putInt(ExecutionTally.ENTRIES, input.entries().size());
        clusterParts.jobRepository().updateExecutionContext(execution);
        if (cluster.enabled()) {
            followed.put(
                    execution.getId(),
                    ManagerProgress.follow(
                            clusterParts.jobRepository(),
                            execution,
                            of(execution.getId()).live(),
                            clusterParts.report().unreported(execution),
                            cluster.poll()));
        }
        gracefulStop.started(execution);
    }

    /**
     * The manager: worker hosts claim the selected entries from the table, by position in the input,
     * each with what it would reserve of {@code max-cost}; the run's limits (the budget and the one
     * {@code finish-by} instant, the first after this manager's start) go in its budget row.
     */
    private void queueForWorkerHosts(
            JobExecution execution,
            RunParams params,
            List<ScriptEntry> entries,
            List<ScriptEntry> selected,
            LiveRun live) {
        long instanceId = execution.getJobInstance().getInstanceId();
        clusterParts
                .claims()
                .queue(
                        instanceId,
                        RunScope.positioned(entries, selected).stream()
                                .map(taken -> new EpisodeClaims.Entry(
                                        taken.position(), taken.entry().id(), live.reservationFor(taken.entry())))
                                .toList());
        if (params.limits().maxCost() != null || live.deadline() != null) {
            clusterParts
                    .claims()
                    .limit(execution.getId(), instanceId, params.limits().maxCost(), live.deadline());
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        RunScope scope = open.get(execution.getId());
        ManagerProgress following = followed.remove(execution.getId());
        try {
            if (scope == null) {
                // The execution failed as it started, before its scope was open.
                outputs.writeSummary(
                        execution, RunParams.from(execution.getJobParameters()).output());
                return;
            }
            if (cluster.enabled()) {
                clusterParts.readPartitionsBack(execution);
                if (following != null) {
                    following.end(ExecutionTally.sum(execution.getStepExecutions()));
                }
            }
            settleExitStatus(execution, scope, clusterStopReason(execution));
            // A manager narrates nothing: its pool stood idle; each worker host records its own.
            if (scope.gateway() instanceof DeploymentPool pool && !cluster.enabled()) {
                recordDeployments(execution.getId(), ExecutionDeployments.ONE_PROCESS, pool);
            }
            scope.live().ended();
            var lastRun = outputs.writeSummary(execution, scope.params().output());
            outputs.refreshPageAndFeed(scope.entries(), scope.params().output(), lastRun);
        } finally {
            if (following != null) {
                following.close();
            }
            open.remove(execution.getId());
            gracefulStop.ended(execution);
        }
    }

    /**
     * Says why a run ended early in words the operator reads (the summary shows the description
     * instead of the workers' exceptions): {@link RunSummary#LIMIT_REACHED} for a run stopped at
     * {@code max-cost} or {@code finish-by} (it ends STOPPED, so the next run continues it), and the
     * breaker's explanation for a run an outage or a refused configuration failed.
     */
    /**
     * How each deployment stood as the run ended, for the log, the summary and {@code status}: in a
     * cluster, on this worker host as its last partition of the execution ended.
     */
    private void recordDeployments(long executionId, String host, DeploymentPool pool) {
        pool.describe().forEach(line -> log.info("Deployment {}", line));
        try {
            deployments.recordEnd(
                    executionId,
                    host,
                    pool.standings().stream()
                            .map(s -> new ExecutionDeployments.EndState(s.deployment(), s.state(), s.note()))
                            .toList());
        } catch (RuntimeException e) {
            log.warn(
                    "Could not record how the deployments stood at the end of execution {}: {}",
                    executionId,
                    e.getMessage());
        }
    }

    /** In a cluster, why the run stopped at its limits: the worker hosts applied them, the claim table tells. */
    private Optional<String> clusterStopReason(JobExecution execution) {
        if (!cluster.enabled()) {
            return Optional.empty();
        }
        try {
            return clusterParts
                    .claims()
                    .limitStanding(execution.getJobInstance().getInstanceId(), execution.getId())
                    .flatMap(standing -> ClusterLimitReason.of(standing, ZoneId.systemDefault()));
        } catch (RuntimeException e) {
            // The summary is still written; without the reason the stopped run exits 1, not 3.
            log.warn("Could not read how execution {} stood against its limits: {}", execution.getId(), e.getMessage());
            return Optional.empty();
        }
    }

    private static void settleExitStatus(JobExecution execution, RunScope scope, Optional<String> clusterReason) {
        clusterReason
                .or(() -> scope.live().stopReason())
                .filter(reason -> execution.getStatus() == BatchStatus.STOPPED)
                .ifPresent(reason -> execution.setExitStatus(new ExitStatus(RunSummary.LIMIT_REACHED, reason)));
        OutageBreaker breaker = scope.breaker();
        if (breaker.isTripped() && execution.getStatus().isUnsuccessful()) {
            execution.setExitStatus(new ExitStatus(
                    breaker.configurationRefused() ? CONFIGURATION_EXIT_CODE : OUTAGE_EXIT_CODE,
                    Objects.requireNonNullElse(breaker.message(), "")));
        }
    }
}
