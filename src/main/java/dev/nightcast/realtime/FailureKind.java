package dev.nightcast.realtime;

/** How a failed attempt should be treated. */
public enum FailureKind {
    /** Worth retrying after a back-off: throttling, 5xx, dropped sockets, timeouts. */
    TRANSIENT,
    /** Retrying cannot help this episode: invalid request, content filter, a bad voice. */
    PERMANENT,
    /**
     * The gateway refuses the configuration itself, whatever the episode: a wrong key (401), no
     * access (403), no such deployment (404), a certificate this JVM does not trust, an endpoint
     * that speaks the old beta protocol, no Entra ID token. No episode is to blame and none can
     * succeed, so the run stops at once with a message that says what to fix.
     */
    CONFIGURATION
}
