package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.nightcast.audio.AudioProperties;
import dev.nightcast.cli.FailedCommand;
import dev.nightcast.cli.NarrateCommand;
import dev.nightcast.cli.NightcastCommand;
import dev.nightcast.narration.Fingerprint;
import dev.nightcast.narration.NarrationProperties;
import dev.nightcast.publication.OutputLayout;
import dev.nightcast.report.RunReport;
import dev.nightcast.run.ExitCodes;
import dev.nightcast.run.Preflight;
import dev.nightcast.run.RunLock;
import dev.nightcast.run.RunResult;
import dev.nightcast.script.EpisodeScript;
import dev.nightcast.simulator.Fault;
import dev.nightcast.store.FailedEpisodes;

/**
 * Restart, rerun and stop through the real launcher and job, in this JVM: a failed run continued,
 * a run stopped and continued, {@code only-failed=true}, the {@code failed} command, the run lock.
 * Subclasses choose the database.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class RestartAndRerunTestBase extends NarrateJobTestBase {

    @Autowired
    RunLock runLock;

    @Autowired
    GracefulStop gracefulStop;

    @Autowired
    Preflight preflight;

    @Autowired
    RunReport report;

    @Autowired
    NarrationProperties narration;

    @Autowired
    AudioProperties audio;

    @Autowired
    FailedEpisodes failedEpisodes;

    @Autowired
    FailedCommand failedCommand;

    @Test
    void aFailedRunIsContinuedBySameParamsAndNothingNarratedIsPaidForAgain() throws Exception {
        Path csv = write("restart.csv", """
                episode_id,script
                %1$s-restart-1,The first episode is published.
                %1$s-restart-2,The second cannot be narrated by the first run.
                %1$s-restart-3,The third is never reached by the first run.
                """.formatted(tag()));
        // A file where the second episode's work folder must go: the output folder cannot be
        // written, which is the run's trouble, not the episode's, so the run fails.
        Files.createDirectories(output());
        Path blocker = Files.writeString(workFolder(csv, id("restart-2")), "x");

        RunResult failed = run(params(csv, "concurrency", "1"));

        assertThat(failed.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(failed.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        assertPublishedWav(id("restart-1"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM episode WHERE episode_id IN (:a, :b)")
                        .param("a", id("restart-2"))
                        .param("b", id("restart-3"))
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(simulatorResponsesFor(id("restart-3"))).isZero();

        Files.delete(blocker);
        RunResult continued = run(params(csv, "concurrency", "2"));

        assertThat(continued.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(continued.execution().getJobInstanceId())
                .isEqualTo(failed.execution().getJobInstanceId());
        assertThat(continued.execution().getStepExecutions().stream()
                        .filter(s -> s.getStepName().contains(":")))
                .as("the restart runs with its own concurrency")
                .hasSize(2);
        for (String id : List.of(id("restart-1"), id("restart-2"), id("restart-3"))) {
            assertPublishedWav(id);
            assertThat(simulatorResponsesFor(id)).as("narrations of %s", id).isEqualTo(1);
        }
        assertThat(value(episodeRow(id("restart-2")), "job_execution_id"))
                .as("credited to the run that narrated it")
                .isEqualTo(continued.execution().getId());
        assertNoWorkFiles();
    }

    @Test
    void aStopRequestLetsTheEpisodeInFlightFinishAndTheNextRunContinues() throws Exception {
        Path csv = write("stop.csv", """
                episode_id,script
                %1$s-stop-1,This one is in flight when the stop comes.
                %1$s-stop-2,This one waits for the next run.
                %1$s-stop-3,And so does this one.
                """.formatted(tag()));
        // The first response stalls until the idle timeout; the retry completes it.
        SIMULATOR.enqueueFault(Fault.stall());
        int responses = SIMULATOR.responsesCreated();
        CompletableFuture<RunResult> running =
                CompletableFuture.supplyAsync(() -> runQuietly(params(csv, "concurrency", "1")));
        waitFor(() -> SIMULATOR.responsesCreated() > responses);

        gracefulStop.requestStop("the test");
        RunResult stopped = running.get();

        assertThat(stopped.execution().getStatus()).isEqualTo(BatchStatus.STOPPED);
        assertThat(stopped.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        assertPublishedWav(id("stop-1"));
        assertThat(simulatorResponsesFor(id("stop-2")) + simulatorResponsesFor(id("stop-3")))
                .isZero();
        assertNoWorkFiles();

        RunResult continued = run(params(csv));

        assertThat(continued.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(continued.execution().getJobInstanceId())
                .isEqualTo(stopped.execution().getJobInstanceId());
        assertThat(continued.summary().skipped()).isEqualTo(1);
        assertPublishedWav(id("stop-2"));
        assertPublishedWav(id("stop-3"));
        assertThat(simulatorResponsesFor(id("stop-1")))
                .as("a stall and its retry, nothing more")
                .isEqualTo(2);
    }

    @Test
    void onlyFailedNarratesExactlyTheEpisodesWhoseLatestStatusIsFailed(CapturedOutput output) throws Exception {
        Path csv = write("only.csv", """
                episode_id,script
                %1$s-only-bad-1,Refused the first time.
                %1$s-only-bad-2,Refused the first time as well.
                %1$s-only-good,Accepted at once.
                """.formatted(tag()));
        // The episodes' own problems (a refused key would stop the run as a configuration error).
        SIMULATOR.enqueueFault(Fault.responseIncomplete("content_filter"));
        SIMULATOR.enqueueFault(Fault.responseIncomplete("content_filter"));
        RunResult first = run(params(csv, "concurrency", "1"));
        assertThat(first.exitCode()).isEqualTo(ExitCodes.SOME_EPISODES_FAILED);
        write("only.csv", Files.readString(csv) + id("only-new") + ",Added after the first run.\n");
        Path paramsFile = write("only.properties", "input=" + csv + "\noutput=" + output() + "\ngateway=azure\n");

        assertThat(command(failedCommand, "failed", "--params=" + paramsFile)).isZero();

        assertThat(output.getOut())
                .contains("2 failed episode(s)")
                .contains(id("only-bad-1") + "  (" + csv + ":2)")
                .contains(id("only-bad-2") + "  (" + csv + ":3)")
                .contains("PERMANENT")
                .contains("content_filter")
                .contains("java -jar nightcast.jar narrate --params=" + paramsFile + " --only-failed=true");

        RunResult rerun = run(params(csv, "only-failed", "true"));

        assertThat(rerun.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(rerun.summary().narrated()).isEqualTo(2);
        assertThat(rerun.execution().getJobInstanceId())
                .isNotEqualTo(first.execution().getJobInstanceId());
        assertPublishedWav(id("only-bad-1"));
        assertPublishedWav(id("only-bad-2"));
        assertThat(simulatorResponsesFor(id("only-good"))).isEqualTo(1);
        assertThat(simulatorResponsesFor(id("only-new"))).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM episode WHERE episode_id = :id")
                        .param("id", id("only-new"))
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(failedEpisodes.list()).isEmpty();
        assertThat(command(failedCommand, "failed")).isZero();
        assertThat(output.getOut()).contains("No failed episodes.");
    }

    @Test
    void aSecondRunWhileTheLockIsHeldRefusesWithExitCodeOneAndChangesNothing(CapturedOutput output) throws Exception {
        Path csv = write("locked.csv", "episode_id,script\n" + id("locked-1") + ",Waits for the lock.\n");
        Path paramsFile = write("locked.properties", "input=" + csv + "\noutput=" + output() + "\ngateway=azure\n");
        long executions = jdbc.sql("SELECT COUNT(*) FROM batch_job_execution")
                .query(Long.class)
                .single();

        try (RunLock.Held held = runLock.acquire()) {
            assertThatThrownBy(() -> run(params(csv)))
                    .isInstanceOf(RunLock.RunLockedException.class)
                    .hasMessageContaining("Another Nightcast run is in progress on this database");
            assertThat(command(new NarrateCommand(preflight, launcher, report, gracefulStop), "--params=" + paramsFile))
                    .isEqualTo(ExitCodes.JOB_FAILED);
        }

        assertThat(output.getAll()).contains("this run did nothing");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM batch_job_execution")
                        .query(Long.class)
                        .single())
                .isEqualTo(executions);
        assertThat(simulatorResponsesFor(id("locked-1"))).isZero();
        assertThat(run(params(csv)).exitCode()).as("the lock is free again").isEqualTo(ExitCodes.ALL_DONE);
        assertThat(simulatorResponsesFor(id("locked-1"))).isEqualTo(1);
    }

    /** Episode ids of this class: the simulator's history is shared by every test class of the JVM. */
    abstract String tag();

    String id(String name) {
        return tag() + "-" + name;
    }

    private static void waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 30 s").isLessThan(deadline);
            LockSupport.parkNanos(1_000_000);
        }
    }

    private int command(NightcastCommand command, String... args) throws Exception {
        return command.run(new DefaultApplicationArguments(args));
    }

    private RunResult runQuietly(RunParams params) {
        try {
            return run(params);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the run keeps the finished segments of episode {@code id} of {@code input}. */
    Path workFolder(Path input, String id) {
        Preflight.Plan plan =
                preflight.check(Map.of("input", input.toString(), "output", output().toString(), "gateway", "azure"));
        EpisodeScript script = plan.entries().stream()
                .filter(entry -> entry.id().equals(id))
                .map(EpisodeScript.class::cast)
                .findFirst()
                .orElseThrow();
        return new OutputLayout(output())
                .segmentFolder(id, Fingerprint.of(script, plan.model(), narration, audio.mastering()));
    }

    void assertNoWorkFiles() throws Exception {
        try (Stream<Path> files = Files.list(output())) {
            assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.startsWith("."));
        }
    }
}
