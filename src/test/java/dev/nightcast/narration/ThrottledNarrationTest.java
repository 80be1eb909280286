package dev.nightcast.narration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.nightcast.audio.AudioProperties;
import dev.nightcast.gateway.GatewayProperties;
import dev.nightcast.gateway.RealtimeGatewayFactory;
import dev.nightcast.realtime.websocket.Timeouts;
import dev.nightcast.retry.OutageBreaker;
import dev.nightcast.script.EpisodeScript;
import dev.nightcast.script.SourceLocation;
import dev.nightcast.simulator.Fault;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;
import dev.nightcast.support.TestScripts;
import dev.nightcast.throughput.ThrottledGateway;
import dev.nightcast.throughput.ThroughputProperties;

/**
 * Throttling meets the narrator through the run's throttle, against the simulator on a loopback
 * socket: each throttled call is recorded and tried again without spending an attempt, until the
 * throttle budget is spent.
 */
class ThrottledNarrationTest {

    private static final SourceLocation WHERE = new SourceLocation(Path.of("ep.md"), 1);

    @TempDir
    Path dir;

    private ScriptedSimulator simulator;
    private RealtimeGatewayFactory gateways;
    private ThrottledGateway gateway;
    private final RecordingAttemptLog attempts = new RecordingAttemptLog();
    private final OutageBreaker breaker = new OutageBreaker(2, Duration.ofSeconds(60), java.time.Clock.systemUTC());

    @BeforeEach
    void start() {
        simulator = ScriptedSimulator.start(SimulatorSettings.fast());
        gateways = new RealtimeGatewayFactory(new GatewayProperties(
                new GatewayProperties.Azure(simulator.baseUrl(), "gpt-realtime-mini", "test-key", null), null,
                new Timeouts(
                                Duration.ofSeconds(5),
                                Duration.ofSeconds(5),
                                Duration.ofSeconds(5),
                                Duration.ofSeconds(20),
                                Duration.ofMillis(100)),
                        null));
        gateway = new ThrottledGateway(gateways.create("azure"), 2, 0);
    }

    @AfterEach
    void stop() {
        gateways.close();
        simulator.close();
    }

    private EpisodeNarrator narrator(Duration throttleBudget) {
        NarrationProperties settings = new NarrationProperties(
                60,
                Duration.ofMillis(350),
                Duration.ofMillis(700),
                Duration.ofMillis(1200),
                Duration.ofMillis(500),
                Duration.ofMillis(1),
                Duration.ofMillis(5),
                10,
                Duration.ofSeconds(60),
                null);
        ThroughputProperties throughput =
                new ThroughputProperties(throttleBudget, Duration.ofMillis(1), Duration.ofMillis(5));
        return new EpisodeNarrator(
                gateway,
                settings,
                AudioProperties.defaults().mastering(),
                NarrationProcessor.retryDecision(settings, throughput, breaker),
                () -> 0.5,
                attempts,
                breaker,
                new SegmentSharing());
    }

    private static EpisodeScript monologue(String id, int paragraphs) {
        return new EpisodeScript(id, id, "marin", "", TestScripts.prose(id, paragraphs, 50), WHERE);
    }

    @Test
    void aThrottledHandshakeAndAThrottledResponseAreRecordedAndTriedAgainWithoutSpendingTheOnlyAttempt()
            throws Exception {
        EpisodeScript script = monologue("limited", 3);
        simulator.enqueueFault(Fault.rateLimited(Duration.ZERO));
        simulator.enqueueFault(Fault.after(
                1,
                Fault.errorEvent(
                        "invalid_request_error",
                        "rate_limit_exceeded",
                        "Rate limit reached for requests. Please try again in 20ms.")));

        EpisodeNarrator.Result result =
                narrator(Duration.ofMinutes(1)).narrate(script, dir.resolve("s"), dir.resolve("limited.wav"), 1);

        assertThat(attempts.entries())
                .containsExactly(
                        "0/1 THROTTLED http_429",
                        "0/2 SUCCEEDED",
                        "1/1 THROTTLED rate_limit_exceeded",
                        "1/2 SUCCEEDED",
                        "2/1 SUCCEEDED");
        assertThat(result.attempts()).isEqualTo(5);
        assertThat(result.transcript()).isEqualTo(script.text());
        assertThat(simulator.connections())
                .as("the refused handshake, then one session for all")
                .isEqualTo(2);
        assertThat(gateway.inFlightLimit()).as("the throttle sends less").isEqualTo(1);
        assertThat(breaker.isTripped()).isFalse();
    }

    @Test
    void throttlingBeyondTheBudgetIsAFailedAttemptThatNamesTheThrottledCalls() throws Exception {
        EpisodeScript script = monologue("spent", 1);
        simulator.enqueueFault(Fault.rateLimited(Duration.ofSeconds(1)));

        EpisodeNarrationException failure = catchThrowableOfType(
                EpisodeNarrationException.class,
                () -> narrator(Duration.ZERO).narrate(script, dir.resolve("s"), dir.resolve("spent.wav"), 1));

        assertThat(attempts.entries()).containsExactly("0/1 FAILED http_429");
        assertThat(failure.getMessage())
                .contains("failed after 1 attempt(s)", "HTTP 429")
                .doesNotContain("throttled call");
    }

    @Test
    void aFailureAfterThrottlingSaysHowManyCallsWereThrottled() throws Exception {
        EpisodeScript script = monologue("mixed", 1);
        simulator.enqueueFault(Fault.rateLimited(Duration.ZERO));
        // Mid-response, so the episode's own failure (one that while connecting would be the gateway's).
        simulator.enqueueFault(Fault.errorEvent("server_error", "server_error", "The server had an error."));

        EpisodeNarrationException failure = catchThrowableOfType(
                EpisodeNarrationException.class,
                () -> narrator(Duration.ofMinutes(1)).narrate(script, dir.resolve("s"), dir.resolve("mixed.wav"), 1));

        assertThat(attempts.entries()).containsExactly("0/1 THROTTLED http_429", "0/2 FAILED server_error");
        assertThat(failure.getMessage())
                .contains("failed after 1 attempt(s) and 1 throttled call(s)", "The server had an error.");
    }
}
