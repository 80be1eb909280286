package dev.nightcast.realtime.websocket;

import static dev.nightcast.realtime.FailureKind.CONFIGURATION;
import static dev.nightcast.realtime.FailureKind.OUTPUT_CAP;
import static dev.nightcast.realtime.FailureKind.PERMANENT;
import static dev.nightcast.realtime.FailureKind.SESSION_EXPIRED;
import static dev.nightcast.realtime.FailureKind.THROTTLED;
import static dev.nightcast.realtime.FailureKind.TRANSIENT;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLPeerUnverifiedException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.protocol.MalformedEventException;
import dev.nightcast.realtime.protocol.ServerEvent;

/**
 * The one place that decides what kind of failure the gateway's answer is ({@link FailureKind}:
 * throttled, transient, session expired, cut at the output cap, permanent for the episode, or the
 * gateway's refusal of the configuration; protocol reference §6), and words its message. Nothing
 * else reads error codes to decide what to do. Messages start
 * with the subject (e.g. {@code episode ep42 segment 3 attempt 1}), name the status, close code or
 * event, and the server's error code and message; a configuration failure also says what to fix.
 * They never contain credentials or headers other than request ids.
 *
 * <p>A handshake carries nothing of the episode (the same URL and credentials for all), so a
 * handshake refused for any reason but overload (408, 429, 5xx) is the configuration's fault.
 */
public final class FailureClassifier {

    /** Codes of throttling: the gateway is fine but wants less from us. */
    private static final Set<String> RATE_LIMIT_CODES = Set.of("rate_limit_exceeded", "inference_rate_limit_exceeded");

    private static final String SESSION_EXPIRED_CODE = "session_expired";
    /** Error codes that are worth retrying whatever their {@code type}. */
    private static final Set<String> TRANSIENT_CODES = Set.of("conversation_already_has_active_response");

    private static final String MAX_OUTPUT_TOKENS = "max_output_tokens";
    /** The wait a throttled server names in its message: "Please try again in 1.2s", "retry after 20 seconds". */
    private static final Pattern WAIT_HINT = Pattern.compile(
            "(?i)(?:try again in|retry after)\\s+(\\d+(?:\\.\\d+)?)\\s*(ms|milliseconds?|s|secs?|seconds?)\\b");

    private static final Set<Integer> PERMANENT_CLOSE_CODES = Set.of(1008);
    /** OpenAI's answer to a client it takes for one of the retired beta shape (close code and error code). */
    private static final int BETA_SHAPE_DISABLED_CLOSE = 4000;

    private static final String BETA_SHAPE_DISABLED = "beta_api_shape_disabled";
    private static final String TRUST_ADVICE = " - if the endpoint uses a private CA or a TLS-inspecting proxy, give"
            + " Java a trust store that holds that CA: java -Djavax.net.ssl.trustStore=/path/to/truststore.p12"
            + " -Djavax.net.ssl.trustStorePassword=... -jar nightcast.jar (or add the CA to the JVM's cacerts)";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** {@code code} of a response that ended at the output token cap with its audio far below the cap. */
    private static final String MAX_OUTPUT_TOKENS_EARLY = "max_output_tokens_early";

    private static final int UNAUTHORIZED = 401;

    private FailureClassifier() {}

    /**
     * A non-101 answer to the upgrade: 429 is throttling, 408 and 5xx are transient, every other
     * status means the gateway refuses the configuration.
     */
    static RealtimeException handshake(HandshakeRejection rejection, String subject, Clock clock) {
        return handshake(rejection, subject, clock, SettingNames.SINGLE);
    }

    /** @param settings how the hint names the settings behind the endpoint (an entry of the list names the entry) */
    static RealtimeException handshake(
            HandshakeRejection rejection, String subject, Clock clock, SettingNames settings) {
        int status = rejection.status();
        FailureKind kind = status == 429 ? THROTTLED : status == 408 || status >= 500 ? TRANSIENT : CONFIGURATION;
        StringBuilder message = new StringBuilder(subject)
                .append(": handshake rejected with HTTP ")
                .append(status);
        String serverError = errorFromBody(rejection.body());
        if (serverError != null) {
            message.append(" (").append(serverError).append(')');
        }
        message.append(hint(status, settings));
        if (rejection.requestId() != null) {
            message.append(" [request id ").append(rejection.requestId()).append(']');
        }
        Duration retryAfter = RetryAfter.parse(rejection.retryAfter(), rejection.retryAfterMs(), clock);
        return new RealtimeException(kind, "http_" + status, message.toString(), retryAfter, null);
    }

    /** The handshake was refused with 401: a token may deserve one more try, fresh (see {@code OkHttpRealtimeGateway}). */
    static boolean isUnauthorized(RealtimeException failure) {
        return ("http_" + UNAUTHORIZED).equals(failure.code());
    }

    /**
     * No HTTP answer at all (DNS, refused, TLS, reset, missed pong): transient, except a server
     * certificate this JVM does not trust, which no retry fixes.
     */
    static RealtimeException network(Throwable cause, String subject) {
        String what = cause.getClass().getSimpleName() + (cause.getMessage() != null ? ": " + cause.getMessage() : "");
        if (isUntrustedCertificate(cause)) {
            return new RealtimeException(
                    CONFIGURATION,
                    "tls_untrusted",
                    subject + ": the server's TLS certificate is" + " not trusted by this JVM (" + what + ")"
                            + TRUST_ADVICE,
                    null,
                    cause);
        }
        return new RealtimeException(TRANSIENT, "network", subject + ": connection failed (" + what + ")", null, cause);
    }

    /**
     * Certificate path validation failed (unknown CA, expired, wrong host name): the JDK's
     * {@code CertificateException}/{@code CertPathValidatorException} under the handshake exception,
     * or OkHttp's host name check.
     */
    private static boolean isUntrustedCertificate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof GeneralSecurityException || t instanceof SSLPeerUnverifiedException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A close frame before the response was done. 4000 (beta shape disabled) is a configuration
     * failure, 1008 (policy) permanent; every other code, including a normal 1000 mid-response, is
     * transient; 1001 with "maximum duration" is the expected session expiry.
     */
    static RealtimeException closed(int code, String reason, String subject) {
        return closed(code, reason, subject, SettingNames.SINGLE);
    }

    static RealtimeException closed(int code, String reason, String subject, SettingNames settings) {
        String why = reason == null || reason.isBlank() ? "" : " \"" + reason + "\"";
        if (code == 1001 && reason != null && reason.toLowerCase(Locale.ROOT).contains("maximum duration")) {
            return new RealtimeException(
                    SESSION_EXPIRED,
                    SESSION_EXPIRED_CODE,
                    subject + ": session expired, server closed with 1001" + why);
        }
        if (code == BETA_SHAPE_DISABLED_CLOSE) {
            return new RealtimeException(
                    CONFIGURATION,
                    "close_" + code,
                    subject + ": server closed the socket with " + code + why + betaAdvice(settings));
        }
        FailureKind kind = PERMANENT_CLOSE_CODES.contains(code) ? PERMANENT : TRANSIENT;
        return new RealtimeException(kind, "close_" + code, subject + ": server closed the socket with " + code + why);
    }

    /**
     * An {@code error} event: server errors are transient, request errors permanent, rate-limit
     * codes throttling, treated like a handshake 429 (a wait named in its message is honoured).
     */
    static RealtimeException error(ServerEvent.ErrorInfo error, String subject) {
        return error(error, subject, SettingNames.SINGLE);
    }

    static RealtimeException error(ServerEvent.ErrorInfo error, String subject, SettingNames settings) {
        if (BETA_SHAPE_DISABLED.equals(error.code())) {
            return new RealtimeException(
                    CONFIGURATION, BETA_SHAPE_DISABLED, subject + ": error event " + error + betaAdvice(settings));
        }
        return new RealtimeException(
                kindOf(error), codeOf(error, "error"), subject + ": error event " + error, rateLimitWait(error), null);
    }

    /**
     * An {@code error} event in answer to our {@code session.update}. The update has the GA shape
     * whatever the episode, so a parameter the server does not know means it speaks another
     * protocol: Azure's preview path answers {@code unknown_parameter} on {@code session.type}.
     * Anything else (e.g. a voice the deployment lacks) is classified like any error event.
     */
    static RealtimeException sessionUpdateRefused(ServerEvent.ErrorInfo error, String subject) {
        return sessionUpdateRefused(error, subject, SettingNames.SINGLE);
    }

    static RealtimeException sessionUpdateRefused(ServerEvent.ErrorInfo error, String subject, SettingNames settings) {
        if ("unknown_parameter".equals(error.code())) {
            return betaProtocol("error event " + error, subject, settings);
        }
        return error(error, subject, settings);
    }

    /** The server speaks the old beta (preview) protocol, as {@code evidence} shows. */
    static RealtimeException betaProtocol(String evidence, String subject) {
        return betaProtocol(evidence, subject, SettingNames.SINGLE);
    }

    static RealtimeException betaProtocol(String evidence, String subject, SettingNames settings) {
        return new RealtimeException(CONFIGURATION, "beta_protocol", subject + ": " + evidence + betaAdvice(settings));
    }

    /** What to do about an endpoint that speaks the retired beta protocol, naming its setting. */
    private static String betaAdvice(SettingNames settings) {
        return " - the endpoint speaks the old beta (preview) Realtime protocol; Nightcast"
                + " speaks only the GA protocol (/openai/v1/realtime?model=...): set " + settings.endpoint()
                + " to the resource base URL of a resource and deployment that offer the GA API (no /openai/realtime"
                + " path, no api-version), or point nightcast.gateway.openai.url at a GA endpoint";
    }

    /**
     * {@code response.done} with a status other than {@code completed}. Cut at the output token cap
     * ({@code incomplete}/{@code max_output_tokens}) is {@link FailureKind#OUTPUT_CAP} (split the
     * text) only when its audio came near the cap; far below it, the cut says nothing about the
     * text: transient.
     *
     * @param capUse how much of the cap the response's audio used
     */
    static RealtimeException notCompleted(ServerEvent.ResponseDone done, String subject, OutputCapUse capUse) {
        String status = String.valueOf(done.status());
        String prefix = subject + ": response " + done.responseId() + " ended " + status;
        switch (status) {
            case "incomplete": {
                String reason = done.reason() != null ? done.reason() : "incomplete";
                if (!MAX_OUTPUT_TOKENS.equals(reason)) {
                    return new RealtimeException(PERMANENT, reason, prefix + " (" + reason + ")");
                }
                if (capUse.nearTheCap()) {
                    return new RealtimeException(
                            OUTPUT_CAP,
                            reason,
                            prefix + " (" + reason + ") after " + capUse.describe()
                                    + ": the segment is too long for one response; split it");
                }
                return new RealtimeException(
                        TRANSIENT,
                        MAX_OUTPUT_TOKENS_EARLY,
                        prefix + " (" + reason + ") after "
                                + capUse.describe() + ": far below the cap, so the length of the text did not end it"
                                + " (a transient failure, retried as it is)");
            }
            case "cancelled":
                // We never cancel, so the server did (e.g. overload): worth another try.
                return new RealtimeException(
                        TRANSIENT, "cancelled", prefix + (done.reason() != null ? " (" + done.reason() + ")" : ""));
            case "failed": {
                ServerEvent.ErrorInfo error = done.error();
                // A failure without details is no evidence of a bad request. A rate limit inside a
                // healthy socket is treated like a handshake 429.
                return new RealtimeException(
                        error == null ? TRANSIENT : kindOf(error),
                        codeOf(error, "response_failed"),
                        prefix + (error != null ? " (" + error + ")" : ""),
                        rateLimitWait(error),
                        null);
            }
            default:
                return new RealtimeException(TRANSIENT, "response_" + status, prefix);
        }
    }

    static RealtimeException idle(Duration idle, String subject) {
        return new RealtimeException(
                TRANSIENT,
                "idle_timeout",
                subject + ": no event from the server for " + idle.toMillis() + " ms while the response was open");
    }

    static RealtimeException responseCeiling(Duration ceiling, String subject) {
        return new RealtimeException(
                TRANSIENT, "response_timeout", subject + ": response not done within " + ceiling.toMillis() + " ms");
    }

    static RealtimeException notReady(String awaited, Duration timeout, String subject) {
        return new RealtimeException(
                TRANSIENT, "session_timeout", subject + ": no " + awaited + " within " + timeout.toMillis() + " ms");
    }

    static RealtimeException malformed(MalformedEventException e, String subject) {
        return new RealtimeException(
                TRANSIENT, "malformed_event", subject + ": malformed server event (" + e.getMessage() + ")", null, e);
    }

    /** The audio sink failed: a local disk problem, not the gateway's, so retrying here cannot help. */
    static RealtimeException sinkFailed(Exception e, String subject) {
        return new RealtimeException(
                PERMANENT, "sink_failed", subject + ": writing audio failed: " + e.getMessage(), null, e);
    }

    static RealtimeException sendFailed(String event, String subject) {
        return new RealtimeException(
                TRANSIENT, "send_failed", subject + ": could not send " + event + ", the socket is closing");
    }

    static RealtimeException sessionMismatch(String what, String subject) {
        return new RealtimeException(PERMANENT, "session_mismatch", subject + ": " + what);
    }

    /** Our own thread was interrupted while it waited: worth another try (a stop ends the run by other means). */
    static RealtimeException interrupted(String waitingFor, InterruptedException e) {
        return new RealtimeException(TRANSIENT, "interrupted", "interrupted while waiting for " + waitingFor, null, e);
    }

    /** A voice the Realtime API does not offer: no call is made, and no retry helps this episode. */
    static RealtimeException unknownVoice(String voice, Set<String> known) {
        return new RealtimeException(
                PERMANENT, "invalid_voice", "voice '" + voice + "' is not a Realtime voice; use one of " + known);
    }

    /** A credential an HTTP header cannot carry; the message must not quote it. */
    static RealtimeException headerRefused(String header) {
        return new RealtimeException(
                CONFIGURATION,
                "invalid_credential",
                "the " + header
                        + " header cannot carry the configured credential: it holds a character HTTP headers forbid");
    }

    static RealtimeException unusable(String subject) {
        return new RealtimeException(TRANSIENT, "session_closed", subject + ": the session is closed; open a new one");
    }

    /** The kind of an {@code error} event or of a failed response's error: the code first, then the type. */
    private static FailureKind kindOf(ServerEvent.ErrorInfo error) {
        String code = error.code() != null ? error.code() : "";
        if (RATE_LIMIT_CODES.contains(code)) {
            return THROTTLED;
        }
        if (SESSION_EXPIRED_CODE.equals(code)) {
            return SESSION_EXPIRED;
        }
        return "server_error".equals(error.type()) || TRANSIENT_CODES.contains(code) ? TRANSIENT : PERMANENT;
    }

    /** The wait a rate-limit error asks for in its message, or null. */
    static @Nullable Duration rateLimitWait(ServerEvent.@Nullable ErrorInfo error) {
        if (error == null
                || error.message() == null
                || error.code() == null
                || !RATE_LIMIT_CODES.contains(error.code())) {
            return null;
        }
        Matcher hint = WAIT_HINT.matcher(error.message());
        if (!hint.find()) {
            return null;
        }
        double amount = Double.parseDouble(hint.group(1));
        boolean millis = hint.group(2).toLowerCase(Locale.ROOT).startsWith("m");
        return Duration.ofMillis(Math.round(millis ? amount : amount * 1000));
    }

    private static String codeOf(ServerEvent.@Nullable ErrorInfo error, String fallback) {
        if (error == null) {
            return fallback;
        }
        return error.code() != null ? error.code() : error.type() != null ? error.type() : fallback;
    }

    /** What to check for a refused handshake, naming the settings behind the endpoint. */
    private static String hint(int status, SettingNames settings) {
        switch (status) {
            case 400:
                return " - check that the deployment (" + settings.deployment() + ") is a realtime model";
            case 401:
                return " - check " + settings.credential();
            case 403:
                return " - check the role 'Cognitive Services OpenAI User' and the resource's network rules";
            case 404:
                return " - check the deployment name " + settings.deployment() + " and the endpoint "
                        + settings.endpoint() + " (a new deployment takes a few minutes to appear)";
            default:
                return status >= 300 && status < 500 && status != 408 && status != 429
                        ? " - check " + settings.endpoint()
                                + (settings == SettingNames.SINGLE ? " / nightcast.gateway.openai.url" : "")
                                + ": is it a Realtime endpoint?"
                        : "";
        }
    }

    /** {@code code: message} from an Azure/OpenAI error envelope, or a short single-line excerpt. */
    private static @Nullable String errorFromBody(@Nullable String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode error = MAPPER.readTree(body).path("error");
            if (error.isObject()) {
                String code = error.path("code").asText(null);
                String message = error.path("message").asText(null);
                return code != null && message != null ? code + ": " + message : code != null ? code : message;
            }
        } catch (Exception notJson) {
            // fall through to an excerpt
        }
        String line = body.replaceAll("\\s+", " ").trim();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
