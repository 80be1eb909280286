package dev.nightcast.realtime;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A failed connection or response, already classified: its {@link FailureKind} says what it was.
 * The message names what happened (HTTP status, close code, event type, error code) and never
 * contains credentials.
 */
public class RealtimeException extends Exception {

    private final FailureKind kind;
    private final String code;
    private final @Nullable Duration retryAfter;
    private volatile @Nullable String deployment;

    public RealtimeException(FailureKind kind, String code, String message) {
        this(kind, code, message, null, null);
    }

    public RealtimeException(
            FailureKind kind, String code, String message, @Nullable Duration retryAfter, @Nullable Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public FailureKind kind() {
        return kind;
    }

    /**
     * A short machine-readable code for rows and logs, e.g. {@code http_429}, {@code server_error},
     * {@code max_output_tokens}. Decide by {@link #kind()}, not by this.
     */
    public String code() {
        return code;
    }

    /**
     * The deployment that failed (see {@link RealtimeGateway#deployment()}), or null when not told.
     * Set once, by the layer that knows it, as the failure passes.
     */
    public @Nullable String deployment() {
        return deployment;
    }

    /** Names the deployment that failed, unless it is named already. @return this failure */
    public RealtimeException failedOn(String name) {
        if (deployment == null) {
            deployment = name;
        }
        return this;
    }

    /** The server's {@code Retry-After}, when it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
