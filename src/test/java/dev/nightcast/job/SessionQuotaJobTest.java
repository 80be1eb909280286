package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.nightcast.gateway.RunGateways;
import dev.nightcast.run.ExitCodes;
import dev.nightcast.run.RunResult;
import dev.nightcast.simulator.ResponseHold;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;
import dev.nightcast.throughput.ThrottledGateway;

/** A run asking for more concurrency than the gateway's session quota: throttled, never failed. */
@SpringBootTest
class SessionQuotaJobTest extends NarrateJobTestBase {

    /** A deployment that holds two sessions at once and answers 429 beyond. */
    static final ScriptedSimulator TWO_SESSIONS = ScriptedSimulator.start(SimulatorSettings.fast(), 2);

    private static final Duration POLL_LIMIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:session-quota;DB_CLOSE_DELAY=-1");
        registry.add("nightcast.command-line.enabled", () -> "false");
        registry.add("nightcast.gateway.azure.endpoint", TWO_SESSIONS::baseUrl);
        registry.add("nightcast.gateway.azure.api-key", () -> FAKE_KEY);
        registry.add("nightcast.gateway.timeouts.idle", () -> "60s");
    }

    @AfterAll
    static void stopSimulator() {
        TWO_SESSIONS.close();
    }

    @Autowired
    RunGateways gateways;

    @Test
    void sixWorkersAgainstATwoSessionQuotaNarrateEverythingWithoutSpendingAttemptsOnThrottling() throws Exception {
        Path csv = write(
                "quota.csv",
                "episode_id,script\n"
                        + IntStream.rangeClosed(1, 12)
                                .mapToObj(i -> "quota-" + i + ",Episode " + i + " under a quota.")
                                .collect(Collectors.joining("\n"))
                        + "\n");
        ResponseHold hold =
                TWO_SESSIONS.holdResponses(narration -> narration.episode().startsWith("quota-"));

        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> {
            try {
                return run(params(csv, "concurrency", "6", "max-attempts", "1"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // Two sessions fill the quota, and the throttle learnt it from the refusals: the other four
        // workers wait their turn. (How many were refused before it learnt depends on who came when:
        // one that comes late finds the limit lowered already and is never refused.)
        ThrottledGateway throttled = gateways.forRun("azure", 6, 0);
        await().atMost(POLL_LIMIT).until(() -> hold.waiting() == 2 && throttled.inFlightLimit() == 2);
        hold.release();
        RunResult result = run.get(POLL_LIMIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(result.summary().narrated()).isEqualTo(12);
        assertThat(TWO_SESSIONS.peakSessions()).isEqualTo(2);
        assertThat(TWO_SESSIONS.sessionsRefused()).isPositive();
        long throttledCalls = 0;
        for (int i = 1; i <= 12; i++) {
            List<String> outcomes = attemptOutcomes("quota-" + i);
            assertThat(outcomes)
                    .as("quota-%d: throttled calls, then its one attempt", i)
                    .last()
                    .isEqualTo("SUCCEEDED");
            assertThat(outcomes.subList(0, outcomes.size() - 1))
                    .as("quota-%d", i)
                    .allMatch("THROTTLED"::equals);
            throttledCalls += outcomes.size() - 1;
            assertPublishedWav("quota-" + i);
        }
        assertThat(throttledCalls).as("every refusal is recorded").isEqualTo(TWO_SESSIONS.sessionsRefused());
    }
}
