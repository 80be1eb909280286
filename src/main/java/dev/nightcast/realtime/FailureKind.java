package dev.nightcast.realtime;

/** How a failed attempt should be treated. */
public enum FailureKind {
    /** Worth retrying after a back-off: throttling, 5xx, dropped sockets, timeouts. */
    TRANSIENT,
    /** Retrying cannot help: bad credentials, wrong deployment, invalid request, content filter. */
    PERMANENT
}
