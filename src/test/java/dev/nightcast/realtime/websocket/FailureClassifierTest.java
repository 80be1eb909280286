package dev.nightcast.realtime.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.TokenUsage;
import dev.nightcast.realtime.protocol.ServerEvent;

/** The failure taxonomy as tables: one row per signal of the protocol reference §6. */
class FailureClassifierTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);
    private static final String SUBJECT = "episode ep1 segment 1 attempt 1";
    /** 150 s of audio: 3,000 audio tokens, near a 4,096-token cap. */
    private static final OutputCapUse NEAR_THE_CAP = new OutputCapUse(150 * 48_000, 4096, 1.0);
    /** 6 s of audio: 120 audio tokens. */
    private static final OutputCapUse FAR_BELOW = new OutputCapUse(6 * 48_000, 4096, 1.0);

    @ParameterizedTest(name = "HTTP {0} is {1}")
    @CsvSource({
        "400,CONFIGURATION",
        "401,CONFIGURATION",
        "403,CONFIGURATION",
        "404,CONFIGURATION",
        "409,CONFIGURATION",
        "408,TRANSIENT",
        "429,THROTTLED",
        "500,TRANSIENT",
        "502,TRANSIENT",
        "503,TRANSIENT",
        "504,TRANSIENT"
    })
    void handshakeStatuses(int status, FailureKind kind) {
        RealtimeException e =
                FailureClassifier.handshake(new HandshakeRejection(status, null, null, null, ""), SUBJECT, NOW);

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.code()).isEqualTo("http_" + status);
        assertThat(e.getMessage()).startsWith(SUBJECT).contains("HTTP " + status);
    }

    @ParameterizedTest(name = "Retry-After ''{0}'' / retry-after-ms ''{1}'' waits {2} ms")
    @CsvSource(
            nullValues = "null",
            value = {
                "2,null,2000",
                "120,null,120000",
                "'Fri, 20 Nov 2026 10:00:30 GMT',null,30000",
                "'Fri, 20 Nov 2026 09:59:00 GMT',null,0",
                "2,250,250",
                "null,1500.4,1500",
                "soon,null,-1",
                "null,null,-1"
            })
    void retryAfterHints(String retryAfter, String retryAfterMs, long expectedMillis) {
        RealtimeException e = FailureClassifier.handshake(
                new HandshakeRejection(429, retryAfter, retryAfterMs, null, ""), SUBJECT, NOW);

        if (expectedMillis < 0) {
            assertThat(e.retryAfter()).isEmpty();
        } else {
            assertThat(e.retryAfter()).contains(Duration.ofMillis(expectedMillis));
        }
    }

    @Test
    void nonJsonBodyIsQuotedShortAndOnOneLine() {
        RealtimeException e = FailureClassifier.handshake(
                new HandshakeRejection(
                        502, null, null, null, "<html>\n<body>Bad gateway " + "x".repeat(500) + "</body></html>"),
                SUBJECT,
                NOW);

        assertThat(e.getMessage())
                .contains("<html> <body>Bad gateway")
                .doesNotContain("\n")
                .hasSizeLessThan(400);
    }

    @ParameterizedTest(name = "close {0} ''{1}'' is {2} {3}")
    @CsvSource({
        "1000,done,TRANSIENT,close_1000",
        "1001,Your session hit the maximum duration of 60 minutes.,SESSION_EXPIRED,session_expired",
        "1001,going away,TRANSIENT,close_1001",
        "1006,'',TRANSIENT,close_1006",
        "1011,internal error,TRANSIENT,close_1011",
        "1012,restart,TRANSIENT,close_1012",
        "1013,try again later,TRANSIENT,close_1013",
        "1008,policy,PERMANENT,close_1008",
        "4000,beta_api_shape_disabled,CONFIGURATION,close_4000"
    })
    void closeCodes(int code, String reason, FailureKind kind, String expectedCode) {
        RealtimeException e = FailureClassifier.closed(code, reason, SUBJECT);

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.code()).isEqualTo(expectedCode);
        assertThat(e.getMessage()).startsWith(SUBJECT).contains(Integer.toString(code));
    }

    @ParameterizedTest(name = "error {0}/{1} is {2}")
    @CsvSource(
            nullValues = "null",
            value = {
                "server_error,null,TRANSIENT,server_error",
                "server_error,internal,TRANSIENT,internal",
                "invalid_request_error,rate_limit_exceeded,THROTTLED,rate_limit_exceeded",
                "invalid_request_error,inference_rate_limit_exceeded,THROTTLED,inference_rate_limit_exceeded",
                "server_error,rate_limit_exceeded,THROTTLED,rate_limit_exceeded",
                "invalid_request_error,session_expired,SESSION_EXPIRED,session_expired",
                "invalid_request_error,conversation_already_has_active_response,TRANSIENT,conversation_already_has_active_response",
                "invalid_request_error,unknown_parameter,PERMANENT,unknown_parameter",
                "invalid_request_error,cannot_update_voice,PERMANENT,cannot_update_voice",
                "invalid_request_error,beta_api_shape_disabled,CONFIGURATION,beta_api_shape_disabled",
                "invalid_request_error,null,PERMANENT,invalid_request_error"
            })
    void errorEvents(String type, String code, FailureKind kind, String expectedCode) {
        RealtimeException e =
                FailureClassifier.error(new ServerEvent.ErrorInfo(type, code, "the message", null), SUBJECT);

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.code()).isEqualTo(expectedCode);
        assertThat(e.getMessage()).startsWith(SUBJECT).contains("error event", "the message");
    }

    @ParameterizedTest(name = "response.done {0} {1} {2}/{3} is {4} {5}")
    @CsvSource(
            nullValues = "null",
            value = {
                "incomplete,max_output_tokens,null,null,OUTPUT_CAP,max_output_tokens",
                "incomplete,content_filter,null,null,PERMANENT,content_filter",
                "cancelled,turn_detected,null,null,TRANSIENT,cancelled",
                "failed,null,server_error,null,TRANSIENT,server_error",
                "failed,null,invalid_request_error,inference_rate_limit_exceeded,THROTTLED,inference_rate_limit_exceeded",
                "failed,null,invalid_request_error,rate_limit_exceeded,THROTTLED,rate_limit_exceeded",
                "failed,null,invalid_request_error,session_expired,SESSION_EXPIRED,session_expired",
                "failed,null,invalid_request_error,invalid_value,PERMANENT,invalid_value"
            })
    void responseDoneStatuses(
            String status, String reason, String errorType, String errorCode, FailureKind kind, String expectedCode) {
        ServerEvent.ErrorInfo error =
                errorType == null ? null : new ServerEvent.ErrorInfo(errorType, errorCode, null, null);

        RealtimeException e = FailureClassifier.notCompleted(
                new ServerEvent.ResponseDone("resp_1", status, reason, error, TokenUsage.ZERO), SUBJECT, NEAR_THE_CAP);

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.code()).isEqualTo(expectedCode);
        assertThat(e.getMessage()).startsWith(SUBJECT).contains("resp_1", status);
    }

    @ParameterizedTest(name = "{0} ''{1}'' waits {2} ms")
    @CsvSource(
            nullValues = "null",
            value = {
                "rate_limit_exceeded,'Rate limit reached for requests. Please try again in 1.25s. Visit ...',1250",
                "rate_limit_exceeded,'Please try again in 640ms.',640",
                "inference_rate_limit_exceeded,'Requests have exceeded the rate limit. Please retry after 20 seconds.',20000",
                "rate_limit_exceeded,'Please slow down.',-1",
                "server_error,'Please try again in 2s.',-1"
            })
    void aRateLimitInsideTheSocketHonoursTheWaitItNamesLikeA429(String code, String message, long expectedMillis) {
        ServerEvent.ErrorInfo error = new ServerEvent.ErrorInfo("invalid_request_error", code, message, null);

        RealtimeException event = FailureClassifier.error(error, SUBJECT);
        RealtimeException failed = FailureClassifier.notCompleted(
                new ServerEvent.ResponseDone("resp_1", "failed", null, error, TokenUsage.ZERO), SUBJECT, NEAR_THE_CAP);

        for (RealtimeException e : new RealtimeException[] {event, failed}) {
            if (expectedMillis < 0) {
                assertThat(e.retryAfter()).isEmpty();
            } else {
                assertThat(e.kind()).isEqualTo(FailureKind.THROTTLED);
                assertThat(e.retryAfter()).contains(Duration.ofMillis(expectedMillis));
            }
        }
    }

    @ParameterizedTest(name = "error code {0} is throttling: {1}")
    @CsvSource({
        "rate_limit_exceeded,true",
        "inference_rate_limit_exceeded,true",
        "server_error,false",
        "session_expired,false",
        "invalid_value,false"
    })
    void onlyRateLimitCodesAreThrottling(String code, boolean throttling) {
        ServerEvent.ErrorInfo error = new ServerEvent.ErrorInfo("server_error", code, "m", null);

        assertThat(FailureClassifier.error(error, SUBJECT).kind() == FailureKind.THROTTLED)
                .isEqualTo(throttling);
        assertThat(FailureClassifier.notCompleted(
                                        new ServerEvent.ResponseDone("resp_1", "failed", null, error, TokenUsage.ZERO),
                                        SUBJECT,
                                        FAR_BELOW)
                                .kind()
                        == FailureKind.THROTTLED)
                .isEqualTo(throttling);
    }

    @Test
    void throttlingIsRecognisedFromEveryPlaceTheGatewaySaysIt() {
        HandshakeRejection rejection = new HandshakeRejection(429, null, null, null, "{}");

        assertThat(FailureClassifier.handshake(rejection, SUBJECT, java.time.Clock.systemUTC())
                        .kind())
                .isEqualTo(FailureKind.THROTTLED);
        assertThat(FailureClassifier.error(
                                new ServerEvent.ErrorInfo(
                                        "invalid_request_error", "rate_limit_exceeded", "slow down", null),
                                SUBJECT)
                        .kind())
                .isEqualTo(FailureKind.THROTTLED);
        assertThat(FailureClassifier.notCompleted(
                                new ServerEvent.ResponseDone(
                                        "resp_1",
                                        "failed",
                                        null,
                                        new ServerEvent.ErrorInfo(null, "inference_rate_limit_exceeded", null, null),
                                        TokenUsage.ZERO),
                                SUBJECT,
                                FAR_BELOW)
                        .kind())
                .isEqualTo(FailureKind.THROTTLED);
    }

    @Test
    void rowsAndLogsNameEveryKindByTheThreeClassesTheyHaveAlwaysShown() {
        assertThat(FailureKind.values())
                .extracting(FailureKind::recordedAs)
                .containsExactly("TRANSIENT", "TRANSIENT", "TRANSIENT", "PERMANENT", "PERMANENT", "CONFIGURATION");
    }

    @Test
    void maxOutputTokensNearTheCapIsAnOutputCapWithTheContractsCodeAndAdvisesSplitting() {
        RealtimeException e = FailureClassifier.notCompleted(
                new ServerEvent.ResponseDone("resp_1", "incomplete", "max_output_tokens", null, TokenUsage.ZERO),
                SUBJECT,
                NEAR_THE_CAP);

        assertThat(e.kind()).isEqualTo(FailureKind.OUTPUT_CAP);
        assertThat(e.code()).isEqualTo("max_output_tokens");
        assertThat(e.getMessage()).contains("split");
    }

    @Test
    void maxOutputTokensWithAudioFarBelowTheCapIsTransientWithItsOwnCode() {
        RealtimeException e = FailureClassifier.notCompleted(
                new ServerEvent.ResponseDone("resp_1", "incomplete", "max_output_tokens", null, TokenUsage.ZERO),
                SUBJECT,
                FAR_BELOW);

        assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(e.code()).isEqualTo("max_output_tokens_early");
        assertThat(e.getMessage())
                .contains("6.0 s of audio", "120 of the 4096-token cap", "far below")
                .doesNotContain("split");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} s at speed {1} of a {2}-token cap: near = {3}")
    @CsvSource({
        "100,1.0,4096,false",
        "123,1.0,4096,true",
        "150,1.0,4096,true",
        "82,1.5,4096,true",
        "82,1.0,4096,false",
        "16,1.0,400,true",
        "2,1.0,400,false"
    })
    void nearTheCapMeansAudioWorthAtLeastSixTenthsOfIt(int seconds, double speed, int cap, boolean near) {
        assertThat(new OutputCapUse(seconds * 48_000L, cap, speed).nearTheCap()).isEqualTo(near);
    }

    @Test
    void failedWithoutDetailsIsTransient() {
        assertThat(FailureClassifier.notCompleted(
                                new ServerEvent.ResponseDone("resp_1", "failed", null, null, TokenUsage.ZERO),
                                SUBJECT,
                                FAR_BELOW)
                        .kind())
                .isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void networkFailuresAndTimeoutsAreTransient() {
        assertThat(FailureClassifier.network(new EOFException(), SUBJECT).kind())
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureClassifier.idle(Duration.ofSeconds(60), SUBJECT).kind())
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureClassifier.responseCeiling(Duration.ofSeconds(90), SUBJECT)
                        .kind())
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureClassifier.notReady("session.created", Duration.ofSeconds(15), SUBJECT)
                        .kind())
                .isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void anUnknownParameterInAnswerToTheGaSessionUpdateMeansTheEndpointSpeaksTheBetaProtocol() {
        ServerEvent.ErrorInfo error = new ServerEvent.ErrorInfo(
                "invalid_request_error", "unknown_parameter", "Unknown parameter: 'session.type'.", "cfg-1");

        RealtimeException e = FailureClassifier.sessionUpdateRefused(error, SUBJECT);

        assertThat(e.kind()).isEqualTo(FailureKind.CONFIGURATION);
        assertThat(e.code()).isEqualTo("beta_protocol");
        assertThat(e.getMessage()).startsWith(SUBJECT).contains("session.type", "old beta", "/openai/v1/realtime");
    }

    @Test
    void aSessionUpdateRefusedForAnotherReasonIsClassifiedLikeAnyErrorEvent() {
        ServerEvent.ErrorInfo error =
                new ServerEvent.ErrorInfo("invalid_request_error", "invalid_value", "Invalid value: 'marin'.", "cfg-1");

        assertThat(FailureClassifier.sessionUpdateRefused(error, SUBJECT).kind())
                .isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void aCertificateThatFailsValidationIsAConfigurationFailureAndOtherNetworkFailuresAreTransient() {
        Exception untrusted = new javax.net.ssl.SSLHandshakeException("PKIX path building failed");
        untrusted.initCause(new java.security.cert.CertificateException("unable to find valid certification path"));

        RealtimeException tls = FailureClassifier.network(untrusted, SUBJECT);
        RealtimeException reset = FailureClassifier.network(
                new javax.net.ssl.SSLHandshakeException("Remote host terminated the handshake"), SUBJECT);

        assertThat(tls.kind()).isEqualTo(FailureKind.CONFIGURATION);
        assertThat(tls.code()).isEqualTo("tls_untrusted");
        assertThat(tls.getMessage()).contains("not trusted", "-Djavax.net.ssl.trustStore=");
        assertThat(reset.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(reset.code()).isEqualTo("network");
    }
}
