package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.nightcast.report.RunReport;
import dev.nightcast.report.RunSummary;
import dev.nightcast.run.ExitCodes;
import dev.nightcast.run.RunResult;
import dev.nightcast.simulator.Fault;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;

/**
 * One run over two deployments ({@code nightcast.gateway.deployments[0..1]}), each a simulator of
 * its own on its own port that holds four sessions and answers 429 beyond: both carry the run at
 * once, each throttled by its own learned limit; one that goes down mid-run is drained while the
 * other finishes the run (exit 0); one that refuses the configuration is out of the run; both
 * refusing stops the run with exit 64.
 */
@SpringBootTest
class SeveralDeploymentsJobTest extends NarrateJobTestBase {

    private static final int QUOTA = 4;
    /** Paced, so sessions overlap as they do against the service: 20x real time, 30 ms to first audio. */
    private static final SimulatorSettings PACED =
            new SimulatorSettings(20, Duration.ofMillis(30), 150, SimulatorSettings.SERVICE_MAX_OUTPUT_TOKENS);

    static final ScriptedSimulator EAST = ScriptedSimulator.start(PACED, QUOTA);
    static final ScriptedSimulator WEST = ScriptedSimulator.start(PACED, QUOTA);
    private static final Duration POLL_LIMIT = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:several-deployments;DB_CLOSE_DELAY=-1");
        registry.add("nightcast.command-line.enabled", () -> "false");
        registry.add("nightcast.gateway.azure.endpoint", () -> "");
        registry.add("nightcast.gateway.deployments[0].endpoint", EAST::baseUrl);
        registry.add("nightcast.gateway.deployments[0].api-key", () -> FAKE_KEY);
        registry.add("nightcast.gateway.deployments[1].endpoint", WEST::baseUrl);
        registry.add("nightcast.gateway.deployments[1].api-key", () -> FAKE_KEY + "-west");
        registry.add("nightcast.gateway.deployment-probe", () -> "1s");
        registry.add("nightcast.narration.initial-backoff", () -> "20ms");
        registry.add("nightcast.narration.max-backoff", () -> "200ms");
        registry.add("nightcast.gateway.timeouts.idle", () -> "5s");
    }

    @Autowired
    RunReport report;

    @BeforeEach
    void cleanDeployments() {
        jdbc.sql("DELETE FROM run_deployment").update();
        EAST.resetPeaks();
        WEST.resetPeaks();
    }

    @AfterEach
    void deploymentsBackUp() {
        EAST.endOutage();
        WEST.endOutage();
    }

    @AfterAll
    static void stopSimulators() {
        EAST.close();
        WEST.close();
    }

    private static String name(ScriptedSimulator simulator) {
        return simulator.baseUrl().replace("http://", "") + "/gpt-realtime-mini";
    }

    private Path episodes(String prefix, int count) throws Exception {
        return write(
                prefix + ".csv",
                "episode_id,script\n"
                        + IntStream.rangeClosed(1, count)
                                .mapToObj(i -> prefix + "-" + i + ",Episode number " + i
                                        + " is read on whichever deployment has"
                                        + " room. It has a second sentence so that it takes a moment.")
                                .collect(Collectors.joining("\n"))
                        + "\n");
    }

    @Test
    void twoDeploymentsCarryTheRunTogetherEachWithinItsOwnQuota() throws Exception {
        // given 24 episodes, eight workers, two deployments of four sessions each
        Path csv = episodes("both", 24);

        // when
        RunResult result = run(params(csv, "concurrency", "8"));

        // then: all narrated once, both deployments used at once, neither beyond its quota
        assertThat(result.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(result.summary().narrated()).isEqualTo(24);
        assertThat(result.summary().failed()).isZero();
        assertThat(EAST.peakSessions()).isLessThanOrEqualTo(QUOTA);
        assertThat(WEST.peakSessions()).isLessThanOrEqualTo(QUOTA);
        assertThat(EAST.peakSessions() + WEST.peakSessions())
                .as("both deployments narrated at the same time")
                .isGreaterThan(QUOTA);
        assertEachSegmentNarratedOnce(result);

        Map<String, RunSummary.DeploymentShare> shares = shares(result.summary());
        assertThat(shares).containsOnlyKeys(name(EAST), name(WEST));
        assertThat(shares.values()).allSatisfy(share -> {
            assertThat(share.episodes()).isPositive();
            assertThat(share.state()).isEqualTo("UP");
        });
        assertThat(shares.get(name(EAST)).segments() + shares.get(name(WEST)).segments())
                .isEqualTo(successes(result, null));
        assertThat(report.render(result.summary())).contains("deployments", name(EAST), name(WEST));
        JsonNode json = new ObjectMapper()
                .readTree(Files.readString(
                        output().resolve("runs/" + result.execution().getId() + ".json")));
        assertThat(json.path("deployments")).hasSize(2);
        assertThat(json.toString()).doesNotContain(FAKE_KEY);
        // an episode narrated on either deployment has the same fingerprint: nothing to narrate again
        RunResult again = run(params(csv, "concurrency", "8"));
        assertThat(again.summary().skipped()).isEqualTo(24);
        assertThat(again.summary().narrated()).isZero();
    }

    @Test
    void aDeploymentThatGoesDownMidRunIsDrainedAndTheOtherFinishesTheRunWithExitZero() throws Exception {
        // given a run well under way on both deployments
        Path csv = episodes("outage", 40);
        int eastBefore = EAST.responsesCreated();
        CompletableFuture<RunResult> running = CompletableFuture.supplyAsync(() -> {
            try {
                return run(params(csv, "concurrency", "8"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().pollInterval(Duration.ofMillis(5))
                .atMost(POLL_LIMIT)
                .until(() -> EAST.responsesCreated() >= eastBefore + 6);

        // when east goes down for good: connections reset, every handshake answered 503
        Instant outage = Instant.now();
        EAST.startOutage(Fault.serviceUnavailable());
        RunResult result = running.get(POLL_LIMIT.toSeconds(), TimeUnit.SECONDS);

        // then: the run ends as if nothing happened, west narrated everything after the outage
        assertThat(result.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(result.summary().narrated()).isEqualTo(40);
        assertThat(result.summary().failed()).isZero();
        assertEachSegmentNarratedOnce(result);
        List<Instant> eastSuccesses = jdbc.sql("""
                SELECT created_at FROM episode_attempt
                WHERE job_execution_id = :e AND outcome = 'SUCCEEDED' AND deployment = :d""")
                .param("e", result.execution().getId())
                .param("d", name(EAST))
                .query((rs, row) -> rs.getTimestamp(1).toInstant())
                .list();
        assertThat(eastSuccesses)
                .as("nothing succeeded on east after it went down")
                .allSatisfy(at -> assertThat(at).isBefore(outage.plusMillis(1)));
        assertThat(successes(result, name(WEST))).isEqualTo(successes(result, null) - eastSuccesses.size());

        Map<String, RunSummary.DeploymentShare> shares = shares(result.summary());
        assertThat(shares.get(name(EAST)).state()).isEqualTo("DOWN");
        assertThat(shares.get(name(EAST)).note()).contains("down since", "HTTP 503");
        assertThat(shares.get(name(WEST)).state()).isEqualTo("UP");
        assertThat(report.render(result.summary())).contains("down: down since");
    }

    @Test
    void aDeploymentThatRefusesTheConfigurationIsOutOfTheRunAndTheOtherNarratesEverything() throws Exception {
        // given west's key is refused
        Path csv = episodes("refused", 12);
        WEST.startOutage(Fault.unauthorized());
        int westHandshakes = WEST.connections();

        // when
        RunResult result = run(params(csv, "concurrency", "8"));

        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(result.summary().narrated()).isEqualTo(12);
        assertThat(successes(result, name(EAST))).isEqualTo(successes(result, null));
        assertThat(WEST.connections() - westHandshakes)
                .as("taken out after its first refusals, not tried per episode")
                .isLessThanOrEqualTo(8);
        RunSummary.DeploymentShare west = shares(result.summary()).get(name(WEST));
        assertThat(west.state()).isEqualTo("OUT");
        assertThat(west.note()).contains("refused the configuration", "HTTP 401");
        assertThat(west.segments()).isZero();
        assertThat(report.render(result.summary())).contains("out: refused the configuration");
        assertThat(report.render(result.summary()) + west.note()).doesNotContain(FAKE_KEY);
    }

    @Test
    void everyDeploymentRefusingTheConfigurationStopsTheRunWithExit64() throws Exception {
        Path csv = episodes("none", 6);
        EAST.startOutage(Fault.unauthorized());
        WEST.startOutage(Fault.forbidden());

        RunResult result = run(params(csv, "concurrency", "4"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.execution().getExitStatus().getExitCode()).isEqualTo("GATEWAY_CONFIGURATION");
        assertThat(result.summary().stopReason())
                .contains("every deployment refused the configuration", name(EAST), name(WEST), "HTTP 401", "HTTP 403");
        assertThat(result.summary().failed()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM episode").query(Long.class).single())
                .isZero();
    }

    private Map<String, RunSummary.DeploymentShare> shares(RunSummary summary) {
        return summary.deployments().stream()
                .collect(Collectors.toMap(RunSummary.DeploymentShare::deployment, share -> share));
    }

    /** Calls whose reading was kept in the run, on {@code deployment} or (null) on any. */
    private long successes(RunResult result, String deployment) {
        return jdbc.sql("SELECT COUNT(*) FROM episode_attempt WHERE job_execution_id = :e AND outcome = 'SUCCEEDED'"
                        + (deployment == null ? "" : " AND deployment = :d"))
                .param("e", result.execution().getId())
                .params(deployment == null ? Map.of() : Map.of("d", deployment))
                .query(Long.class)
                .single();
    }

    /** No segment was paid for twice: one kept reading per episode and segment, and each on a named deployment. */
    private void assertEachSegmentNarratedOnce(RunResult result) {
        List<Map<String, Object>> kept =
                jdbc.sql("""
                SELECT episode_id, segment_index, COUNT(*) AS readings, MIN(deployment) AS deployment
                FROM episode_attempt WHERE job_execution_id = :e AND outcome = 'SUCCEEDED'
                GROUP BY episode_id, segment_index""").param("e", result.execution().getId()).query().listOfRows();
        assertThat(kept).isNotEmpty().allSatisfy(row -> {
            assertThat(((Number) value(row, "readings")).intValue())
                    .as("readings of %s", row)
                    .isEqualTo(1);
            assertThat((String) value(row, "deployment")).isIn(name(EAST), name(WEST));
        });
    }
}
