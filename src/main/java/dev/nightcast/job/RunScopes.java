package dev.nightcast.job;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import org.springframework.stereotype.Component;

import dev.nightcast.deployment.DeploymentPool;
import dev.nightcast.gateway.RunGateways;
import dev.nightcast.narration.NarrationProperties;
import dev.nightcast.report.ExecutionTally;
import dev.nightcast.report.RunSummary;
import dev.nightcast.retry.OutageBreaker;
import dev.nightcast.script.ScriptEntry;
import dev.nightcast.store.ExecutionDeployments;
import dev.nightcast.store.FailedEpisodes;

/**
 * The narrate job's one listener: opens the {@link RunScope} of each execution as it starts and,
 * when it ends, does in this order what the end of a run needs: settles the exit status (a limit
 * reached, a gateway outage or a refused configuration, each with the reason as the operator reads
 * it), tells the live run it ended, writes the summary JSON and refreshes the review page and feed
 * (which show that exit status), and releases the scope.
 *
 * <p>Scopes belong to the process that runs the workers and live only while the execution runs.
 * Thread-safe.
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
    private final JobRepository jobRepository;
    private final RunGateways gateways;
    private final ExecutionDeployments deployments;
    private final Map<Long, RunScope> open = new ConcurrentHashMap<>();
    private final AtomicReference<Input> handedOver = new AtomicReference<>();

    RunScopes(FailedEpisodes failedEpisodes, NarrationProperties narration, Clock clock, LiveRunFactory liveRuns,
            RunOutputs outputs, GracefulStop gracefulStop, JobRepository jobRepository, RunGateways gateways,
            ExecutionDeployments deployments) {
        this.failedEpisodes = failedEpisodes;
        this.narration = narration;
        this.clock = clock;
        this.liveRuns = liveRuns;
        this.outputs = outputs;
        this.gracefulStop = gracefulStop;
        this.jobRepository = jobRepository;
        this.gateways = gateways;
        this.deployments = deployments;
    }

    /** Input entries handed over for the execution with these job parameters. */
    private record Input(JobParameters parameters, List<ScriptEntry> entries) {
    }

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
            throw new IllegalStateException("Execution " + jobExecutionId + " is not running in this process");
        }
        return scope;
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
        open.put(execution.getId(), new RunScope(execution.getId(), params, input.entries(), selected,
                OutageBreaker.forRun(narration, params.concurrency(), clock),
                gateways.forExecution(params.gateway(), params.concurrency(), params.maxRequestsPerMinute()),
                liveRuns.start(execution.getId(), params, input.entries().size())));
        // The total of done/total for status in another process; the done part is in the workers' tallies.
        execution.getExecutionContext().putInt(ExecutionTally.ENTRIES, input.entries().size());
        jobRepository.updateExecutionContext(execution);
        gracefulStop.started(execution);
    }

    @Override
    public void afterJob(JobExecution execution) {
        RunScope scope = open.get(execution.getId());
        try {
            if (scope == null) {
                // The execution failed as it started, before its scope was open.
                outputs.writeSummary(execution, RunParams.from(execution.getJobParameters()).output());
                return;
            }
            settleExitStatus(execution, scope);
            if (scope.gateway() instanceof DeploymentPool pool) {
                recordDeployments(execution.getId(), pool);
            }
            scope.live().ended();
            var lastRun = outputs.writeSummary(execution, scope.params().output());
            outputs.refreshPageAndFeed(scope.entries(), scope.params().output(), lastRun);
        } finally {
            open.remove(execution.getId());
            gracefulStop.ended(execution);
        }
    }

    /** How each deployment stood as the run ended, for the log, the summary and {@code status}. */
    private void recordDeployments(long executionId, DeploymentPool pool) {
        pool.describe().forEach(line -> log.info("Deployment {}", line));
        try {
            deployments.recordEnd(executionId, pool.standings().stream()
                    .map(s -> new ExecutionDeployments.EndState(s.deployment(), s.state(), s.note())).toList());
        } catch (RuntimeException e) {
            log.warn("Could not record how the deployments stood at the end of execution {}: {}", executionId,
                    e.getMessage());
        }
    }

    /**
     * Says why a run ended early in words the operator reads (the summary shows the description
     * instead of the workers' exceptions): {@link RunSummary#LIMIT_REACHED} for a run stopped at
     * {@code max-cost} or {@code finish-by} (it ends STOPPED, so the next run continues it), and the
     * breaker's explanation for a run an outage or a refused configuration failed.
     */
    private static void settleExitStatus(JobExecution execution, RunScope scope) {
        scope.live().stopReason()
                .filter(reason -> execution.getStatus() == BatchStatus.STOPPED)
                .ifPresent(reason -> execution.setExitStatus(new ExitStatus(RunSummary.LIMIT_REACHED, reason)));
        OutageBreaker breaker = scope.breaker();
        if (breaker.isTripped() && execution.getStatus().isUnsuccessful()) {
            execution.setExitStatus(new ExitStatus(breaker.configurationRefused() ? CONFIGURATION_EXIT_CODE
                    : OUTAGE_EXIT_CODE, Objects.requireNonNullElse(breaker.message(), "")));
        }
    }
}
