package dev.nightcast.realtime.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.nightcast.realtime.AudioSink;
import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.RealtimeSession;
import dev.nightcast.simulator.Fault;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;

/** Responses that go wrong after the session is up, scripted in the simulator. */
class StreamFailureTest {

    private static final String TEXT = "A few words to narrate here.";

    private ScriptedSimulator simulator;
    private RealtimeSession session;

    @BeforeEach
    void openSession() throws RealtimeException {
        simulator = ScriptedSimulator.start(SimulatorSettings.fast());
        Timeouts shortIdle = new Timeouts(
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Duration.ofMillis(300),
                Duration.ofSeconds(20),
                Duration.ofMillis(100));
        session = TestGateways.azure(simulator.baseUrl(), shortIdle).open(TestGateways.marin());
    }

    @AfterEach
    void closeAll() {
        session.close();
        simulator.close();
    }

    private RealtimeException narrateFails(RecordingSink sink) {
        return catchThrowableOfType(
                RealtimeException.class, () -> session.narrate(TestGateways.segment("ep7", 2, TEXT), sink));
    }

    private RealtimeException narrateFails() {
        return narrateFails(new RecordingSink());
    }

    @Test
    void closeMidStreamIsTransientAndEndsTheSession() {
        simulator.enqueueFault(Fault.closeMidStream(1011, "internal error"));
        RecordingSink sink = new RecordingSink();

        RealtimeException failure = narrateFails(sink);

        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.code()).isEqualTo("close_1011");
        assertThat(failure.getMessage()).contains("episode ep7 segment 3 attempt 1", "1011", "internal error");
        assertThat(sink.bytes()).as("audio before the close was delivered").isNotEmpty();
        assertThat(session.isUsable()).isFalse();
    }

    @Test
    void policyCloseIsPermanent() {
        simulator.enqueueFault(Fault.closeMidStream(1008, "policy violation"));

        RealtimeException failure = narrateFails();

        assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(failure.code()).isEqualTo("close_1008");
    }

    @Test
    void sessionHittingItsMaximumDurationIsAnExpiredSession() {
        simulator.enqueueFault(Fault.closeMidStream(1001, "Your session hit the maximum duration of 60 minutes."));

        RealtimeException failure = narrateFails();

        assertThat(failure.kind()).isEqualTo(FailureKind.SESSION_EXPIRED);
        assertThat(failure.code()).isEqualTo("session_expired");
    }

    @Test
    void socketDroppedWithoutCloseFrameIsTransient() {
        simulator.enqueueFault(Fault.dropMidStream());

        RealtimeException failure = narrateFails();

        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.code()).isEqualTo("network");
        assertThat(session.isUsable()).isFalse();
    }

    @Test
    void serverErrorEventIsTransientAndLeavesTheSessionUsable() throws Exception {
        simulator.enqueueFault(Fault.errorEvent("server_error", null, "The server had an error."));

        RealtimeException failure = narrateFails();

        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.code()).isEqualTo("server_error");
        assertThat(failure.getMessage()).contains("error event", "The server had an error.");
        assertThat(session.isUsable())
                .as("the rejected response.create left nothing behind")
                .isTrue();
        assertThat(session.narrate(TestGateways.segment("ep7", 2, TEXT), new RecordingSink())
                        .transcript())
                .isEqualTo(TEXT);
    }

    @Test
    void invalidRequestErrorEventIsPermanentAndNamesTheCode() {
        simulator.enqueueFault(Fault.errorEvent("invalid_request_error", "invalid_value", "Invalid value: 'x'."));

        RealtimeException failure = narrateFails();

        assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(failure.code()).isEqualTo("invalid_value");
        assertThat(failure.getMessage()).contains("invalid_value", "Invalid value: 'x'.");
    }

    @Test
    void rateLimitErrorEventIsThrottling() {
        simulator.enqueueFault(Fault.errorEvent("invalid_request_error", "rate_limit_exceeded", "Slow down."));

        assertThat(narrateFails().kind()).isEqualTo(FailureKind.THROTTLED);
    }

    @Test
    void responseFailedWithARateLimitCodeIsThrottlingAndTheSessionStaysUsable() {
        simulator.enqueueFault(Fault.responseFailed("invalid_request_error", "inference_rate_limit_exceeded"));

        RealtimeException failure = narrateFails();

        assertThat(failure.kind()).isEqualTo(FailureKind.THROTTLED);
        assertThat(failure.code()).isEqualTo("inference_rate_limit_exceeded");
        assertThat(failure.getMessage()).contains("ended failed");
        assertThat(session.isUsable()).isTrue();
    }

    @Test
    void responseFailedWithAnotherErrorIsPermanent() {
        simulator.enqueueFault(Fault.responseFailed("invalid_request_error", "unsupported_content"));

        assertThat(narrateFails().kind()).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void contentFilterIsPermanent() {
        simulator.enqueueFault(Fault.responseIncomplete("content_filter"));

        RealtimeException failure = narrateFails();

        assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(failure.code()).isEqualTo("content_filter");
    }

    @Test
    void aResponseEndingIncompleteAtTheCapFarBelowItIsTransientNotTooLong() throws Exception {
        // given: a short text, read in full, that the server ends "incomplete" at the output token cap anyway
        simulator.enqueueFault(Fault.responseIncomplete("max_output_tokens"));
        RecordingSink sink = new RecordingSink();

        // when
        RealtimeException failure = narrateFails(sink);

        // then: a few seconds of audio against a cap of minutes is no sign of a text too long
        assertThat(sink.bytes().length).as("a few seconds of audio").isLessThan(10 * 48_000);
        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.code()).isEqualTo("max_output_tokens_early");
        assertThat(failure.getMessage())
                .contains("max_output_tokens", "4096", "far below")
                .doesNotContain("too long");
        assertThat(session.isUsable()).as("the response ended cleanly").isTrue();
    }

    @Test
    void cancelledResponseIsTransient() {
        simulator.enqueueFault(Fault.responseCancelled());

        RealtimeException failure = narrateFails();

        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.code()).isEqualTo("cancelled");
    }

    @Test
    void stalledResponseFailsTransientlyAfterTheIdleTimeout() {
        simulator.enqueueFault(Fault.stall());
        long start = System.nanoTime();

        RealtimeException failure = narrateFails();

        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.code()).isEqualTo("idle_timeout");
        assertThat(failure.getMessage()).contains("300 ms");
        assertThat(waited).isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
        assertThat(session.isUsable()).as("a stalled socket is dropped").isFalse();
    }

    @Test
    void malformedFrameFailsTheAttemptTransiently() {
        simulator.enqueueFault(Fault.malformedFrame());

        RealtimeException failure = narrateFails();

        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.code()).isEqualTo("malformed_event");
        assertThat(session.isUsable()).isFalse();
    }

    @Test
    void failingSinkIsPermanentWithTheIoMessage() {
        AudioSink fullDisk = pcm -> {
            throw new IOException("No space left on device");
        };

        RealtimeException failure = catchThrowableOfType(
                RealtimeException.class, () -> session.narrate(TestGateways.segment("ep7", 2, TEXT), fullDisk));

        assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(failure.code()).isEqualTo("sink_failed");
        assertThat(failure.getMessage()).contains("No space left on device");
        assertThat(session.isUsable()).isFalse();
    }

    @Test
    void narratingOnAClosedSessionIsTransient() {
        session.close();

        RealtimeException failure = narrateFails();

        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.code()).isEqualTo("session_closed");
    }
}
