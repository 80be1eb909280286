package dev.nightcast.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.nightcast.gateway.GatewayProperties;
import dev.nightcast.gateway.RealtimeGatewayFactory;
import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.RealtimeSession;
import dev.nightcast.realtime.SegmentRequest;
import dev.nightcast.realtime.SegmentResult;
import dev.nightcast.realtime.SessionSettings;
import dev.nightcast.realtime.websocket.Timeouts;
import dev.nightcast.simulator.Fault;
import dev.nightcast.simulator.ResponseHold;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;

/** The throttled gateway around the real client, against the simulator on a loopback socket. */
class ThrottledGatewayTest {

    private static final SessionSettings SESSION = new SessionSettings("marin", "Read the script verbatim.");
    private static final Duration POLL_LIMIT = Duration.ofSeconds(20);

    private ScriptedSimulator simulator;
    private RealtimeGatewayFactory factory;

    @AfterEach
    void stop() {
        factory.close();
        simulator.close();
    }

    /** @param maxSessions the simulator's session quota, 0 for none */
    private ThrottledGateway gateway(int maxSessions, int concurrency) {
        simulator = ScriptedSimulator.start(SimulatorSettings.fast(), maxSessions);
        Timeouts timeouts = new Timeouts(
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                Duration.ofMillis(100));
        factory = new RealtimeGatewayFactory(new GatewayProperties(
                new GatewayProperties.Azure(simulator.baseUrl(), null, "test-key", null), null, timeouts, null));
        return new ThrottledGateway(factory.create("azure"), concurrency, 0);
    }

    private static SegmentRequest segment(String episode, int index, String text) {
        return new SegmentRequest(episode, index, 1, text, "Read the text between <script> and </script> verbatim.");
    }

    /** Counts the audio it is handed. */
    private static final class CountingSink implements dev.nightcast.realtime.AudioSink {

        final AtomicLong bytes = new AtomicLong();

        @Override
        public void accept(ByteBuffer pcm) {
            bytes.addAndGet(pcm.remaining());
            pcm.position(pcm.limit());
        }
    }

    /**
     * Narrates like the narrator does: a throttled handshake is tried again after the server's
     * {@code Retry-After}, and the throttle holds the new call back until there is room.
     */
    private static void narrateEpisodes(ThrottledGateway gateway, String worker, int episodes) {
        try {
            for (int e = 0; e < episodes; e++) {
                try (RealtimeSession session = openThroughThrottling(gateway)) {
                    for (int s = 0; s < 2; s++) {
                        session.narrate(
                                segment(worker + "-" + e, s, "Segment " + s + " of episode " + e + "."),
                                new CountingSink());
                    }
                }
            }
        } catch (RealtimeException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RealtimeSession openThroughThrottling(ThrottledGateway gateway) throws RealtimeException {
        while (true) {
            try {
                return gateway.open(SESSION);
            } catch (RealtimeException e) {
                if (e.kind() != FailureKind.THROTTLED) {
                    throw e;
                }
                try {
                    Thread.sleep(e.retryAfter().orElse(Duration.ZERO).toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Test
    void workersBeyondTheSessionQuotaWaitTheirTurnAndNoEpisodeFails() throws Exception {
        ThrottledGateway gateway = gateway(2, 6);
        ResponseHold hold = simulator.holdResponses(narration -> true);
        List<CompletableFuture<Void>> workers = new ArrayList<>();

        for (int w = 0; w < 6; w++) {
            String worker = "w" + w;
            workers.add(CompletableFuture.runAsync(() -> narrateEpisodes(gateway, worker, 3)));
        }
        // Two sessions hold the quota; the throttle learnt it from the refusals, and the four others
        // wait for room (how many of them were refused before it learnt, depends on who came when).
        await().atMost(POLL_LIMIT).until(() -> hold.waiting() == 2 && gateway.inFlightLimit() == 2);
        assertThat(simulator.sessionsRefused()).isPositive();
        hold.release();

        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new))
                .get(POLL_LIMIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(simulator.peakSessions()).isEqualTo(2);
        assertThat(simulator.narrations()).hasSize(6 * 3 * 2);
        assertThat(gateway.inFlightLimit()).isBetween(2, 3);
    }

    @Test
    void aSessionClosedUnderAOneSessionQuotaNeverCollidesWithTheNextOne() throws Exception {
        ThrottledGateway gateway = gateway(1, 1);

        narrateEpisodes(gateway, "serial", 20);

        assertThat(simulator.sessionsRefused()).isZero();
        assertThat(simulator.connections()).isEqualTo(20);
    }

    @Test
    void aRateLimitErrorInsideASessionReachesTheCallerLowersTheLimitAndLeavesTheSessionUsable() throws Exception {
        ThrottledGateway gateway = gateway(0, 4);
        simulator.enqueueFault(Fault.errorEvent(
                "invalid_request_error",
                "rate_limit_exceeded",
                "Rate limit reached for requests. Please try again in 20ms."));
        CountingSink sink = new CountingSink();

        RealtimeException throttled;
        SegmentResult result;
        try (RealtimeSession session = gateway.open(SESSION)) {
            throttled = catchThrowableOfType(
                    RealtimeException.class,
                    () -> session.narrate(segment("limited", 0, "Hello again, listener."), new CountingSink()));
            assertThat(session.isUsable()).isTrue();
            result = session.narrate(segment("limited", 0, "Hello again, listener."), sink);
        }

        assertThat(throttled.kind()).isEqualTo(FailureKind.THROTTLED);
        assertThat(throttled.retryAfter()).contains(Duration.ofMillis(20));
        assertThat(gateway.inFlightLimit()).as("the overload lowered the limit").isEqualTo(1);
        assertThat(result.transcript()).isEqualTo("Hello again, listener.");
        assertThat(sink.bytes.get()).isEqualTo(result.audioBytes()).isPositive();
        assertThat(simulator.connections()).isEqualTo(1);
    }

    @Test
    void aResponseThrottledAfterSomeAudioReachesTheCallerWhoMustRewind() throws Exception {
        ThrottledGateway gateway = gateway(0, 4);
        simulator.enqueueFault(Fault.responseFailed("invalid_request_error", "inference_rate_limit_exceeded"));
        CountingSink sink = new CountingSink();

        RealtimeException failure;
        try (RealtimeSession session = gateway.open(SESSION)) {
            failure = catchThrowableOfType(
                    RealtimeException.class,
                    () -> session.narrate(segment("partial", 0, "Some words were spoken."), sink));
        }

        assertThat(failure.kind()).isEqualTo(FailureKind.THROTTLED);
        assertThat(sink.bytes.get()).isPositive();
        assertThat(simulator.responsesCreated()).isEqualTo(1);
    }

    @Test
    void aSpentQuotaInRateLimitsUpdatedLowersTheLimit() throws Exception {
        ThrottledGateway gateway = gateway(0, 4);
        simulator.enqueueFault(Fault.quotaSpent(Duration.ofMillis(50)));

        try (RealtimeSession session = gateway.open(SESSION)) {
            session.narrate(segment("quota", 0, "The budget runs out here."), new CountingSink());
            session.narrate(segment("quota", 1, "And the next one waits for it."), new CountingSink());
        }

        assertThat(gateway.inFlightLimit()).isEqualTo(1);
        assertThat(simulator.narrations()).hasSize(2);
    }

    @Test
    void aThrottledHandshakeReachesTheCallerWithItsRetryAfterLowersTheLimitAndFreesItsSlot() throws Exception {
        ThrottledGateway gateway = gateway(0, 4);
        simulator.enqueueFault(Fault.rateLimited(Duration.ofSeconds(1)));

        RealtimeException failure = catchThrowableOfType(RealtimeException.class, () -> gateway.open(SESSION));
        try (RealtimeSession session = gateway.open(SESSION)) {
            session.narrate(segment("after", 0, "The slot is free again."), new CountingSink());
        }

        assertThat(failure.kind()).isEqualTo(FailureKind.THROTTLED);
        assertThat(failure.kind().recordedAs()).isEqualTo("TRANSIENT");
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(gateway.inFlightLimit())
                .as("no other session of ours was open: the server holds one")
                .isEqualTo(1);
        assertThat(simulator.connections()).isEqualTo(2);
    }

    @Test
    void otherFailuresPassThroughUnchangedAndFreeTheirSlot() throws Exception {
        ThrottledGateway gateway = gateway(1, 1);
        simulator.enqueueFault(Fault.serviceUnavailable());

        RealtimeException failure = catchThrowableOfType(RealtimeException.class, () -> gateway.open(SESSION));
        try (RealtimeSession session = gateway.open(SESSION)) {
            session.narrate(segment("after", 0, "The slot is free again."), new CountingSink());
        }

        assertThat(failure.code()).isEqualTo("http_503");
        assertThat(gateway.inFlightLimit()).isEqualTo(1);
    }
}
