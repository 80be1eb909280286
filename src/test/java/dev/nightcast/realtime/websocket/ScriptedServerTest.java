package dev.nightcast.realtime.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.RealtimeGateway;
import dev.nightcast.realtime.RealtimeSession;
import dev.nightcast.realtime.SegmentResult;
import dev.nightcast.realtime.TokenUsage;

/** Protocol corners against a plain MockWebServer whose server side each test scripts. */
class ScriptedServerTest {

    private final MockWebServer server = new MockWebServer();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        ticker.shutdownNow();
        server.close();
    }

    private RealtimeGateway gateway(Timeouts timeouts) {
        return TestGateways.azure("http://127.0.0.1:" + server.getPort(), timeouts);
    }

    private void upgradeTo(WebSocketListener listener) {
        server.enqueue(new MockResponse.Builder().webSocketUpgrade(listener).build());
    }

    private SegmentResult narrate(RecordingSink sink) throws RealtimeException {
        try (RealtimeSession session = gateway(TestGateways.timeouts()).open(TestGateways.marin())) {
            return session.narrate(TestGateways.segment("ep5", 1, "Hello."), sink);
        }
    }

    @Test
    void betaEventNamesAreAcceptedDefensively() throws Exception {
        upgradeTo(ScriptedRealtimeServer.answering(List.of(
                ScriptedRealtimeServer.created(),
                ScriptedRealtimeServer.transcriptDelta("response.audio_transcript.delta", "Hel"),
                ScriptedRealtimeServer.audio("response.audio.delta", (byte) 1, (byte) 2, (byte) 3, (byte) 4),
                ScriptedRealtimeServer.transcriptDelta("response.audio_transcript.delta", "lo."),
                ScriptedRealtimeServer.done("completed"))));
        RecordingSink sink = new RecordingSink();

        SegmentResult result = narrate(sink);

        assertThat(sink.bytes()).containsExactly(1, 2, 3, 4);
        assertThat(result.transcript())
                .as("deltas stand in for a missing transcript.done")
                .isEqualTo("Hello.");
        assertThat(result.usage()).isEqualTo(new TokenUsage(5, 9, 0, 0, 2, 7));
    }

    @Test
    void anOddByteIsCarriedIntoTheNextDeltaSoSamplesStayWhole() throws Exception {
        String delta = "response.output_audio.delta";
        upgradeTo(ScriptedRealtimeServer.answering(List.of(
                ScriptedRealtimeServer.created(),
                ScriptedRealtimeServer.audio(delta, (byte) 1, (byte) 2, (byte) 3),
                ScriptedRealtimeServer.audio(delta, (byte) 4, (byte) 5, (byte) 6, (byte) 7, (byte) 8),
                ScriptedRealtimeServer.audio(delta, (byte) 9),
                ScriptedRealtimeServer.audio(delta, (byte) 10),
                "{\"type\":\"response.output_audio_transcript.done\",\"transcript\":\"Hello.\"}",
                ScriptedRealtimeServer.done("completed"))));
        RecordingSink sink = new RecordingSink();

        SegmentResult result = narrate(sink);

        assertThat(sink.bytes()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(result.audioBytes()).isEqualTo(10);
        assertThat(result.transcript()).isEqualTo("Hello.");
    }

    @Test
    void aVoiceTheServerDidNotTakeIsAPermanentSessionMismatch() {
        upgradeTo(new ScriptedRealtimeServer("alloy", socket -> {}));

        RealtimeException failure = catchThrowableOfType(
                RealtimeException.class, () -> gateway(TestGateways.timeouts()).open(TestGateways.marin()));

        assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(failure.code()).isEqualTo("session_mismatch");
        assertThat(failure.getMessage()).contains("alloy", "marin");
    }

    @Test
    void aSessionUpdateRefusedAsTheRetiredBetaShapeIsAConfigurationFailure() {
        upgradeTo(new WebSocketListener() {
            @Override
            public void onOpen(okhttp3.WebSocket webSocket, okhttp3.Response response) {
                webSocket.send("{\"type\":\"session.created\",\"session\":{\"id\":\"sess_1\"}}");
            }

            @Override
            public void onMessage(okhttp3.WebSocket webSocket, String text) {
                webSocket.send(
                        "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                                + "\"code\":\"beta_api_shape_disabled\",\"message\":\"Beta shape retired.\",\"event_id\":\"cfg-1\"}}");
                webSocket.close(4000, "beta_api_shape_disabled");
            }
        });

        RealtimeException failure = catchThrowableOfType(
                RealtimeException.class, () -> gateway(TestGateways.timeouts()).open(TestGateways.marin()));

        assertThat(failure.kind()).isEqualTo(FailureKind.CONFIGURATION);
        assertThat(failure.code()).isEqualTo("beta_api_shape_disabled");
        assertThat(failure.getMessage()).contains("Beta shape retired.");
    }

    @Test
    void closeCode4000BeforeSessionCreatedIsAConfigurationFailure() {
        upgradeTo(new WebSocketListener() {
            @Override
            public void onOpen(okhttp3.WebSocket webSocket, okhttp3.Response response) {
                webSocket.close(4000, "beta_api_shape_disabled");
            }
        });

        RealtimeException failure = catchThrowableOfType(
                RealtimeException.class, () -> gateway(TestGateways.timeouts()).open(TestGateways.marin()));

        assertThat(failure.kind()).isEqualTo(FailureKind.CONFIGURATION);
        assertThat(failure.code()).isEqualTo("close_4000");
    }

    @Test
    void noSessionCreatedWithinSessionReadyIsTransient() {
        upgradeTo(new WebSocketListener() {});
        Timeouts quickSetup = new Timeouts(
                Duration.ofSeconds(5),
                Duration.ofMillis(300),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Duration.ZERO);

        RealtimeException failure = catchThrowableOfType(
                RealtimeException.class, () -> gateway(quickSetup).open(TestGateways.marin()));

        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.code()).isEqualTo("session_timeout");
        assertThat(failure.getMessage()).contains("session.created");
    }

    @Test
    void aResponseThatNeverEndsHitsTheCeilingEvenWhileEventsKeepComing() throws Exception {
        upgradeTo(new ScriptedRealtimeServer(
                "marin",
                socket -> ticker.scheduleAtFixedRate(
                        () -> socket.send(
                                ScriptedRealtimeServer.audio("response.output_audio.delta", (byte) 0, (byte) 0)),
                        0,
                        50,
                        TimeUnit.MILLISECONDS)));
        // Idle 2 s is never reached; the ceiling is 400 ms + 0 per word.
        Timeouts tightCeiling = new Timeouts(
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Duration.ofSeconds(2),
                Duration.ofMillis(400),
                Duration.ZERO);

        try (RealtimeSession session = gateway(tightCeiling).open(TestGateways.marin())) {
            RealtimeException failure = catchThrowableOfType(
                    RealtimeException.class,
                    () -> session.narrate(TestGateways.segment("ep5", 1, "Hello."), new RecordingSink()));

            assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
            assertThat(failure.code()).isEqualTo("response_timeout");
            assertThat(session.isUsable()).isFalse();
        }
    }

    @Test
    void rateLimitedHandshakeWithRetryAfterMsUsesTheMilliseconds() {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("retry-after-ms", "1500")
                .setHeader("Retry-After", "2")
                .setHeader("apim-request-id", "req-77")
                .body("")
                .build());

        RealtimeException failure = catchThrowableOfType(
                RealtimeException.class, () -> gateway(TestGateways.timeouts()).open(TestGateways.marin()));

        assertThat(failure.kind()).isEqualTo(FailureKind.THROTTLED);
        assertThat(failure.retryAfter()).contains(Duration.ofMillis(1500));
        assertThat(failure.getMessage()).contains("request id req-77");
    }

    @Test
    void badRequestAtHandshakeIsAConfigurationFailureWithTheBodysMessage() {
        server.enqueue(new MockResponse.Builder()
                .code(400)
                .body("{\"error\":{\"code\":\"OpperationNotSupported\","
                        + "\"message\":\"The realtime operation does not work with the specified model.\"}}")
                .build());

        RealtimeException failure = catchThrowableOfType(
                RealtimeException.class, () -> gateway(TestGateways.timeouts()).open(TestGateways.marin()));

        assertThat(failure.kind()).isEqualTo(FailureKind.CONFIGURATION);
        assertThat(failure.getMessage()).contains("HTTP 400", "OpperationNotSupported", "realtime model");
    }
}
