package dev.nightcast.realtime;

/**
 * What a failed gateway call was, as {@code FailureClassifier} (realtime.websocket) reads the
 * gateway's answer. Closed: the retry decision ({@code retry.RetryDecision}) is a table over these
 * kinds, and nothing else looks at error codes to decide what to do (codes stay for rows and logs).
 *
 * <p>Rows, logs and the {@code failed} list name a kind by {@link #recordedAs()}, the three classes
 * they have always shown; the finer kind is visible there in the code ({@code http_429},
 * {@code session_expired}, {@code max_output_tokens}).
 */
public enum FailureKind {
    /**
     * The gateway is up but wants less from us: HTTP 429 at the handshake, or an {@code error} event
     * or failed {@code response.done} with a rate-limit code. Made again after its wait without
     * counting, within the throttle budget.
     */
    THROTTLED("TRANSIENT"),
    /**
     * Worth another try after a back-off: 408/5xx, dropped sockets, timeouts, a server error, a
     * response cut at the token cap far below it (the cut says nothing about the text).
     */
    TRANSIENT("TRANSIENT"),
    /** The session reached its maximum duration, as sessions do: reconnect at once. */
    SESSION_EXPIRED("TRANSIENT"),
    /** The response was cut at the output token cap with its audio near the cap: the text is too long; split it. */
    OUTPUT_CAP("PERMANENT"),
    /** Retrying cannot help this episode: invalid request, content filter, a bad voice. */
    PERMANENT("PERMANENT"),
    /**
     * The gateway refuses the configuration itself, whatever the episode: a wrong key (401), no
     * access (403), no such deployment (404), a certificate this JVM does not trust, an endpoint
     * that speaks the old beta protocol, no Entra ID token. No episode is to blame and none can
     * succeed, so the run stops at once with a message that says what to fix.
     */
    CONFIGURATION("CONFIGURATION");

    private final String recordedAs;

    FailureKind(String recordedAs) {
        this.recordedAs = recordedAs;
    }

    /** {@code TRANSIENT}, {@code PERMANENT} or {@code CONFIGURATION}: the kind as rows and log lines show it. */
    public String recordedAs() {
        return recordedAs;
    }
}
