package dev.nightcast.realtime;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static dev.nightcast.realtime.FailureKind.PERMANENT;
import static dev.nightcast.realtime.FailureKind.TRANSIENT;

/**
 * The one place that decides whether a failure is {@link FailureKind#TRANSIENT} or
 * {@link FailureKind#PERMANENT} (protocol reference §6) and words its message. Messages start with
 * the subject (e.g. {@code episode ep42 segment 3 attempt 1}), name the status, close code or
 * event, and the server's error code and message; they never contain credentials or headers
 * other than request ids.
 */
final class FailureClassifier {

    /** Codes of throttling: the gateway is fine but wants less from us (see {@link RealtimeException#isRateLimited()}). */
    static final Set<String> RATE_LIMIT_CODES = Set.of("http_429", "rate_limit_exceeded",
            "inference_rate_limit_exceeded");

    /** Error codes that are worth retrying whatever their {@code type}. */
    private static final Set<String> TRANSIENT_CODES = Set.of("rate_limit_exceeded", "inference_rate_limit_exceeded",
            "session_expired", "conversation_already_has_active_response");
    /** The wait a throttled server names in its message: "Please try again in 1.2s", "retry after 20 seconds". */
    private static final Pattern WAIT_HINT = Pattern.compile(
            "(?i)(?:try again in|retry after)\\s+(\\d+(?:\\.\\d+)?)\\s*(ms|milliseconds?|s|secs?|seconds?)\\b");
    private static final Set<Integer> PERMANENT_CLOSE_CODES = Set.of(1008, 4000);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FailureClassifier() {
    }

    /** A non-101 answer to the upgrade: 408, 429 and 5xx are transient, everything else permanent. */
    static RealtimeException handshake(HandshakeRejection rejection, String subject, Clock clock) {
        int status = rejection.status();
        boolean transientStatus = status == 408 || status == 429 || status >= 500;
        StringBuilder message = new StringBuilder(subject).append(": handshake rejected with HTTP ").append(status);
        String serverError = errorFromBody(rejection.body());
        if (serverError != null) {
            message.append(" (").append(serverError).append(')');
        }
        message.append(hint(status));
        if (rejection.requestId() != null) {
            message.append(" [request id ").append(rejection.requestId()).append(']');
        }
        Duration retryAfter = RetryAfter.parse(rejection.retryAfter(), rejection.retryAfterMs(), clock);
        return new RealtimeException(transientStatus ? TRANSIENT : PERMANENT, "http_" + status, message.toString(),
                retryAfter, null);
    }

    /** No HTTP answer at all (DNS, refused, TLS, reset, missed pong): always transient. */
    static RealtimeException network(Throwable cause, String subject) {
        return new RealtimeException(TRANSIENT, "network", subject + ": connection failed ("
                + cause.getClass().getSimpleName() + (cause.getMessage() != null ? ": " + cause.getMessage() : "")
                + ")", null, cause);
    }

    /**
     * A close frame before the response was done. 4000 (beta shape disabled) and 1008 (policy)
     * are permanent; every other code, including a normal 1000 mid-response, is transient; 1001
     * with "maximum duration" is the expected session expiry.
     */
    static RealtimeException closed(int code, String reason, String subject) {
        String why = reason == null || reason.isBlank() ? "" : " \"" + reason + "\"";
        if (code == 1001 && reason != null && reason.toLowerCase(Locale.ROOT).contains("maximum duration")) {
            return new RealtimeException(TRANSIENT, "session_expired",
                    subject + ": session expired, server closed with 1001" + why);
        }
        FailureKind kind = PERMANENT_CLOSE_CODES.contains(code) ? PERMANENT : TRANSIENT;
        return new RealtimeException(kind, "close_" + code, subject + ": server closed the socket with " + code + why);
    }

    /**
     * An {@code error} event: server errors and throttling are transient, request errors permanent.
     * Throttling is treated like a handshake 429: a wait named in its message is honoured.
     */
    static RealtimeException error(ServerEvent.ErrorInfo error, String subject) {
        return new RealtimeException(isTransient(error) ? TRANSIENT : PERMANENT, codeOf(error, "error"),
                subject + ": error event " + error, rateLimitWait(error), null);
    }

    /** {@code response.done} with a status other than {@code completed}. */
    static RealtimeException notCompleted(ServerEvent.ResponseDone done, String subject) {
        String status = String.valueOf(done.status());
        String prefix = subject + ": response " + done.responseId() + " ended " + status;
        switch (status) {
            case "incomplete": {
                String reason = done.reason() != null ? done.reason() : "incomplete";
                String advice = RealtimeException.MAX_OUTPUT_TOKENS.equals(reason)
                        ? " (the segment is too long for one response; split it)" : "";
                return new RealtimeException(PERMANENT, reason, prefix + " (" + reason + ")" + advice);
            }
            case "cancelled":
                // We never cancel, so the server did (e.g. overload): worth another try.
                return new RealtimeException(TRANSIENT, "cancelled", prefix
                        + (done.reason() != null ? " (" + done.reason() + ")" : ""));
            case "failed": {
                ServerEvent.ErrorInfo error = done.error();
                // A failure without details is no evidence of a bad request.
                boolean retry = error == null || isTransient(error);
                // A rate limit inside a healthy socket is treated like a handshake 429.
                return new RealtimeException(retry ? TRANSIENT : PERMANENT, codeOf(error, "response_failed"),
                        prefix + (error != null ? " (" + error + ")" : ""), rateLimitWait(error), null);
            }
            default:
                return new RealtimeException(TRANSIENT, "response_" + status, prefix);
        }
    }

    static RealtimeException idle(Duration idle, String subject) {
        return new RealtimeException(TRANSIENT, "idle_timeout",
                subject + ": no event from the server for " + idle.toMillis() + " ms while the response was open");
    }

    static RealtimeException responseCeiling(Duration ceiling, String subject) {
        return new RealtimeException(TRANSIENT, "response_timeout",
                subject + ": response not done within " + ceiling.toMillis() + " ms");
    }

    static RealtimeException notReady(String awaited, Duration timeout, String subject) {
        return new RealtimeException(TRANSIENT, "session_timeout",
                subject + ": no " + awaited + " within " + timeout.toMillis() + " ms");
    }

    static RealtimeException malformed(MalformedEventException e, String subject) {
        return new RealtimeException(TRANSIENT, "malformed_event",
                subject + ": malformed server event (" + e.getMessage() + ")", null, e);
    }

    /** The audio sink failed: a local disk problem, not the gateway's, so retrying here cannot help. */
    static RealtimeException sinkFailed(Exception e, String subject) {
        return new RealtimeException(PERMANENT, "sink_failed",
                subject + ": writing audio failed: " + e.getMessage(), null, e);
    }

    static RealtimeException sendFailed(String event, String subject) {
        return new RealtimeException(TRANSIENT, "send_failed",
                subject + ": could not send " + event + ", the socket is closing");
    }

    static RealtimeException sessionMismatch(String what, String subject) {
        return new RealtimeException(PERMANENT, "session_mismatch", subject + ": " + what);
    }

    static RealtimeException unusable(String subject) {
        return new RealtimeException(TRANSIENT, "session_closed", subject + ": the session is closed; open a new one");
    }

    private static boolean isTransient(ServerEvent.ErrorInfo error) {
        return "server_error".equals(error.type()) || (error.code() != null && TRANSIENT_CODES.contains(error.code()));
    }

    /** The wait a rate-limit error asks for in its message, or null. */
    static Duration rateLimitWait(ServerEvent.ErrorInfo error) {
        if (error == null || error.message() == null || error.code() == null
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

    private static String codeOf(ServerEvent.ErrorInfo error, String fallback) {
        if (error == null) {
            return fallback;
        }
        return error.code() != null ? error.code() : error.type() != null ? error.type() : fallback;
    }

    private static String hint(int status) {
        switch (status) {
            case 400:
                return " - check that the deployment (AZURE_OPENAI_DEPLOYMENT_NAME) is a realtime model";
            case 401:
                return " - check AZURE_OPENAI_API_KEY / OPENAI_API_KEY, or the Entra ID token's tenant and scope";
            case 403:
                return " - check the role 'Cognitive Services OpenAI User' and the resource's network rules";
            case 404:
                return " - check the deployment name AZURE_OPENAI_DEPLOYMENT_NAME and the endpoint"
                        + " AZURE_OPENAI_ENDPOINT (a new deployment takes a few minutes to appear)";
            default:
                return "";
        }
    }

    /** {@code code: message} from an Azure/OpenAI error envelope, or a short single-line excerpt. */
    private static String errorFromBody(String body) {
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
