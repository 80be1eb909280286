package dev.nightcast.run;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.NoSuchJobException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

import dev.nightcast.cluster.ClusterDatabase;
import dev.nightcast.cluster.ClusterProperties;
import dev.nightcast.gateway.RunGateways;
import dev.nightcast.job.GracefulStop;
import dev.nightcast.job.NarrateJobConfiguration;
import dev.nightcast.job.RunParams;
import dev.nightcast.job.RunScopes;
import dev.nightcast.job.UsageException;
import dev.nightcast.publication.OutputLayout;
import dev.nightcast.publication.OutputRecovery;
import dev.nightcast.report.RunReport;
import dev.nightcast.report.RunSummary;
import dev.nightcast.script.ScriptEntry;
import dev.nightcast.store.WorkerLeases;

/**
 * Runs the {@code narrate} job for a set of params, deciding what "run it again" means.
 *
 * <p>A run first takes the database's {@link RunLock} (a second run at the same time refuses), then
 * cleans up after any run that died: executions left running are recovered and the output folder
 * is put in order ({@link OutputRecovery}: narrations completed but not yet published are
 * published, unfinished work files deleted). Then, when the latest execution of the same run (same
 * identifying parameters) FAILED or STOPPED, it is restarted, with this run's tuning parameters
 * and limits (concurrency, attempts, max-cost, finish-by); otherwise a new job instance starts with
 * the next run id. Either way episodes already published are skipped by fingerprint, so nothing is
 * narrated twice.
 */
@Service
public class NarrateLauncher {

    private static final Logger log = LoggerFactory.getLogger(NarrateLauncher.class);
    private static final int INSTANCES_SEARCHED = 200;

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job narrateJob;
    private final RunGateways gateways;
    private final RunReport report;
    private final RunScopes runScopes;
    private final RunLock runLock;
    private final OrphanedExecutions orphans;
    private final OutputRecovery outputRecovery;
    private final GracefulStop gracefulStop;
    private final ClusterProperties cluster;
    private final ClusterDatabase clusterDatabase;
    private final WorkerLeases leases;

    NarrateLauncher(
            JobOperator jobOperator,
            JobRepository jobRepository,
            Job narrateJob,
            RunGateways gateways,
            RunReport report,
            RunScopes runScopes,
            RunLock runLock,
            OrphanedExecutions orphans,
            OutputRecovery outputRecovery,
            GracefulStop gracefulStop,
            ClusterProperties cluster,
            ClusterDatabase clusterDatabase,
            WorkerLeases leases) {
        this.cluster = cluster;
        this.clusterDatabase = clusterDatabase;
        this.leases = leases;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.narrateJob = narrateJob;
        this.gateways = gateways;
        this.report = report;
        this.runScopes = runScopes;
        this.runLock = runLock;
        this.orphans = orphans;
        this.outputRecovery = outputRecovery;
        this.gracefulStop = gracefulStop;
    }

    /**
     * Checks everything that can be checked before spending anything (output folder, input, gateway
     * configuration), then runs the job to its end.
     *
     * @param entries the input of {@code params}, loaded once for this invocation (by {@link Preflight});
     *     the job works on them and does not read the input again
     * @throws UsageException, {@link dev.nightcast.input.InputException} or
     *     {@link dev.nightcast.realtime.GatewayConfigException} before the job starts
     * @throws RunLock.RunLockedException when another run is in progress on the database
     */
    public RunResult launch(RunParams params, List<ScriptEntry> entries) throws Exception {
        // Before the output folder is created: it could be created inside the input.
        if (cluster.enabled()) {
            clusterDatabase.problem().ifPresent(problem -> {
                throw new UsageException(problem);
            });
        }
        InputOutputOverlap.problem(params.input(), params.output(), entries).ifPresent(problem -> {
            throw new UsageException(problem);
        });
        try {
            OutputLayout.prepare(params.output());
        } catch (IOException e) {
            throw new UsageException("Output folder " + params.output() + " cannot be used: " + e.getMessage(), e);
        }
        gateways.get(params.gateway());
        log.info(
                "Narrating {} input entries from {} with gateway {}, concurrency {}{}",
                entries.size(),
                params.input(),
                params.gateway(),
                params.concurrency(),
                params.onlyFailed() ? ", only the failed episodes" : "");

        try (RunLock.Held lock = runLock.acquire()) {
            orphans.recoverAll();
            if (cluster.enabled() && leases.anyLivePartitionRunning()) {
                // Worker hosts still run partitions of a run this manager continues: the work files are theirs.
                log.info("Worker hosts still narrate episodes of an earlier execution; the output folder is left "
                        + "as they keep it");
            } else {
                outputRecovery.recover(params.output());
            }
            // A stop requested by now stops the execution as soon as it starts (GracefulStop.started).
            JobExecution execution = startOrRestart(params, entries);
            RunSummary summary = report.summarize(execution);
            return new RunResult(execution, summary, exitCode(execution, summary));
        } finally {
            gracefulStop.clear();
        }
    }

    private JobExecution startOrRestart(RunParams params, List<ScriptEntry> entries) throws Exception {
        JobParameters identifying = params.identifying();
        for (JobInstance instance :
                jobRepository.getJobInstances(NarrateJobConfiguration.JOB_NAME, 0, INSTANCES_SEARCHED)) {
            JobExecution last = jobRepository.getLastJobExecution(instance);
            if (last == null || !sameRun(last.getJobParameters(), identifying)) {
                continue;
            }
            if (orphans.needsRecovery(last)) {
                last = orphans.recover(last);
            }
            // Cluster: partitions of a manager that died may still run on live hosts; Spring Batch
            // restarts only once they have ended.
            last = orphans.awaitLivePartitions(last);
            if (last.getStatus() == BatchStatus.FAILED || last.getStatus() == BatchStatus.STOPPED) {
                log.info(
                        "Continuing run {} where execution {} stopped ({})",
                        instance.getInstanceId(),
                        last.getId(),
                        last.getStatus());
                // Same identifying parameters (run id included): Spring Batch restarts that instance, and the
                // tuning parameters and limits of this run (concurrency, attempts, max-cost, finish-by)
                // replace the failed run's.
                return start(params.toJobParameters(last.getJobParameters().getLong(RunParams.RUN_ID)), entries);
            }
            break;
        }
        return start(params.toJobParameters(nextRunId()), entries);
    }

    private JobExecution start(JobParameters parameters, List<ScriptEntry> entries) throws Exception {
        runScopes.handOver(parameters, entries);
        // Spring Batch's own INFO line with every parameter is switched off (application.yml): the
        // line above says what runs, and the parameters are here for whoever asks for DEBUG.
        log.debug("Job parameters: {}", parameters);
        return jobOperator.start(narrateJob, parameters);
    }

    /** Same identifying parameters, ignoring the run id that tells instances apart. */
    private static boolean sameRun(JobParameters previous, JobParameters identifying) {
        var wanted = identifying.getIdentifyingParameters();
        var had = previous.getIdentifyingParameters().stream()
                .filter(parameter -> !RunParams.RUN_ID.equals(parameter.name()))
                .collect(Collectors.toSet());
        return had.size() == wanted.size()
                && had.stream()
                        .allMatch(parameter -> wanted.stream()
                                .anyMatch(other -> other.name().equals(parameter.name())
                                        && String.valueOf(other.value()).equals(String.valueOf(parameter.value()))));
    }

    private long nextRunId() {
        try {
            return jobRepository.getJobInstanceCount(NarrateJobConfiguration.JOB_NAME) + 1;
        } catch (NoSuchJobException e) {
            return 1;
        }
    }

    private static int exitCode(JobExecution execution, RunSummary summary) {
        if (RunScopes.CONFIGURATION_EXIT_CODE.equals(execution.getExitStatus().getExitCode())) {
            return ExitCodes.USAGE;
        }
        if (summary.stoppedAtLimit()) {
            return ExitCodes.STOPPED_AT_LIMIT;
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            return ExitCodes.JOB_FAILED;
        }
        return summary.anyEpisodeFailed() ? ExitCodes.SOME_EPISODES_FAILED : ExitCodes.ALL_DONE;
    }
}
