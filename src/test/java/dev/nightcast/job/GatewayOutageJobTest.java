package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;

import dev.nightcast.report.RunReport;
import dev.nightcast.run.ExitCodes;
import dev.nightcast.run.RunResult;
import dev.nightcast.simulator.Fault;

/**
 * The outage breaker in whole runs: a gateway that goes down stops the run quickly as FAILED, the
 * episodes it interrupted are neither failed nor published, and the same params finish the run
 * once the gateway is back (a restart of the failed execution); a gateway that only throttles is
 * not down.
 */
class GatewayOutageJobTest extends FaultInjectionJobTestBase {

    private static final List<String> EPISODES = List.of("out-1", "out-2", "out-3", "out-4", "out-5", "out-6");

    @Autowired
    RunReport report;

    @Test
    void anOutageStopsTheRunWithoutFailingEpisodesAndTheSameParamsFinishItOnceTheGatewayIsBack(CapturedOutput log)
            throws Exception {
        Path csv = write(
                "outage.csv",
                "episode_id,script\n"
                        + EPISODES.stream()
                                .map(id -> id + ",Episode " + id + " is read aloud tonight.")
                                .collect(Collectors.joining("\n"))
                        + "\n");
        // Fewer attempts than the outage has failures: only the failures blamed on the gateway (not counted
        // against max-attempts) keep the episodes in flight going until the breaker stops them.
        RunParams params = params(csv, "concurrency", "2", "max-attempts", "2");
        // Each worker's first response hangs, so both episodes are in flight when the service goes down.
        SIMULATOR.enqueueFault(Fault.stall());
        SIMULATOR.enqueueFault(Fault.stall());
        int responsesBefore = SIMULATOR.responsesCreated();

        RunResult stopped;
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<RunResult> running = background.submit(() -> run(params));
            await().pollInterval(Duration.ofMillis(10))
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> SIMULATOR.responsesCreated() >= responsesBefore + 2);
            SIMULATOR.startOutage(Fault.serviceUnavailable());
            stopped = running.get(60, TimeUnit.SECONDS);
        } finally {
            background.shutdownNow();
        }

        assertThat(stopped.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(stopped.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(stopped.summary().stopReason())
                .contains(
                        "The Realtime gateway looks down",
                        "across 2 episodes",
                        "HTTP 503",
                        "Run the same params again");
        assertThat(report.render(stopped.summary()))
                .contains(
                        "Execution " + stopped.execution().getId() + " FAILED",
                        "stopped early: The Realtime gateway looks down");
        assertThat(stopped.summary().failed()).isZero();
        assertThat(episodeRows())
                .as("nothing published, nothing recorded as failed")
                .isZero();
        for (String inFlight : List.of("out-1", "out-2")) {
            assertThat(attempts(inFlight))
                    .as("the breaker, not the attempts, stopped %s", inFlight)
                    .hasSizeGreaterThan(2)
                    .allSatisfy(attempt -> assertThat(attempt.outcome()).isEqualTo("FAILED"));
        }
        for (String notStarted : EPISODES.subList(2, EPISODES.size())) {
            assertThat(attempts(notStarted))
                    .as("%s was never started", notStarted)
                    .isEmpty();
        }
        assertThat(jdbc.sql("SELECT DISTINCT job_execution_id FROM episode_attempt WHERE episode_id LIKE 'out-%'")
                        .query(Long.class)
                        .list())
                .as("every attempt is recorded under the execution that made it")
                .containsExactly(stopped.execution().getId());
        JsonNode json = new ObjectMapper()
                .readTree(output().resolve("runs")
                        .resolve(stopped.execution().getId() + ".json")
                        .toFile());
        assertThat(json.path("stopReason").asText())
                .as("the summary is written once the exit status is settled")
                .contains("The Realtime gateway looks down");
        assertNothingPartialFor(EPISODES.toArray(String[]::new));
        assertThat(log.getAll()).contains("The Realtime gateway looks down").doesNotContain(FAKE_KEY);

        SIMULATOR.endOutage();
        RunResult resumed = run(params(csv, "concurrency", "3", "max-attempts", "20"));

        assertThat(resumed.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(resumed.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(resumed.execution().getJobInstanceId())
                .as("the failed run was continued, not started anew")
                .isEqualTo(stopped.execution().getJobInstanceId());
        assertThat(resumed.execution().getStepExecutions().stream()
                        .filter(step -> step.getStepName().contains(":")))
                .as("the restart runs as many workers as this run asks for")
                .hasSize(3);
        assertThat(resumed.summary().narrated()).isEqualTo(EPISODES.size());
        assertThat(resumed.summary().stopReason()).isNull();
        for (String id : EPISODES) {
            assertPublishedWav(id);
        }
        assertNothingPartialFor();
    }

    @Test
    void throttlingAcrossEpisodesIsNoOutageAndUsesUpNoAttempts() throws Exception {
        int refusals = 3 * OUTAGE_THRESHOLD;
        Path csv = write(
                "busy.csv",
                "episode_id,script\n"
                        + IntStream.rangeClosed(1, 3)
                                .mapToObj(i -> "busy-" + i + ",Episode " + i + " meets a busy gateway.")
                                .collect(Collectors.joining("\n"))
                        + "\n");
        IntStream.range(0, refusals).forEach(i -> SIMULATOR.enqueueFault(Fault.rateLimited(Duration.ZERO)));

        RunResult result = run(params(csv, "concurrency", "2", "max-attempts", "1"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(result.summary().stopReason()).isNull();
        assertThat(result.summary().narrated()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT episode_id) FROM episode_attempt WHERE outcome = 'THROTTLED'")
                        .query(Long.class)
                        .single())
                .as("the throttling spanned episodes")
                .isGreaterThan(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM episode_attempt WHERE outcome = 'THROTTLED'")
                        .query(Long.class)
                        .single())
                .isEqualTo(refusals);
    }

    @Test
    void oneEpisodeFailingAgainAndAgainIsThatEpisodesProblemNotAnOutage() throws Exception {
        int attempts = OUTAGE_THRESHOLD + 2;
        Path csv = write("stubborn.csv", "episode_id,script\nstubborn,This one keeps failing.\nfine,This one works.\n");
        // Mid-response, with the gateway up for everyone else: the episode's own problem.
        IntStream.range(0, attempts)
                .forEach(i -> SIMULATOR.enqueueFault(
                        Fault.errorEvent("server_error", "server_error", "The server had an error.")));

        RunResult result = run(params(csv, "concurrency", "1", "max-attempts", Integer.toString(attempts)));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_EPISODES_FAILED);
        assertThat(result.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(result.summary().stopReason()).isNull();
        assertThat(value(episodeRow("stubborn"), "status")).isEqualTo("FAILED");
        assertThat(attempts("stubborn")).hasSize(attempts);
        assertPublishedWav("fine");
    }
}
