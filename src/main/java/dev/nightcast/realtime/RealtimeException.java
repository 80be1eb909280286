package dev.nightcast.realtime;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * A failed connection or response, already classified. The message names what happened (HTTP
 * status, close code, event type, error code) and never contains credentials.
 */
public class RealtimeException extends Exception {

    /** {@code code} of a response cut at the output token cap; the segment must be split smaller. */
    /** Codes of throttling: the gateway is fine but wants less from us (see {@link #isRateLimited()}). */
    public static final Set<String> RATE_LIMIT_CODES = Set.of("http_429", "rate_limit_exceeded",
            "inference_rate_limit_exceeded");

    public static final String MAX_OUTPUT_TOKENS = "max_output_tokens";

    private final FailureKind kind;
    private final String code;
    private final Duration retryAfter;

    public RealtimeException(FailureKind kind, String code, String message) {
        this(kind, code, message, null, null);
    }

    public RealtimeException(FailureKind kind, String code, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public FailureKind kind() {
        return kind;
    }

    /** A short machine-readable code, e.g. {@code http_429}, {@code server_error}, {@code max_output_tokens}. */
    public String code() {
        return code;
    }

    /** The server's {@code Retry-After}, when it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean isTransient() {
        return kind == FailureKind.TRANSIENT;
    }

    /**
     * True for throttling: HTTP 429 at the handshake, or an {@code error} event or failed
     * {@code response.done} with code {@code rate_limit_exceeded} / {@code inference_rate_limit_exceeded}.
     * Always transient: the gateway is healthy but wants fewer or slower requests.
     */
    public boolean isRateLimited() {
        return code != null && RATE_LIMIT_CODES.contains(code);
    }
}
