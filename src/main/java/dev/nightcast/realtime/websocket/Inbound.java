package dev.nightcast.realtime.websocket;

/** What the transport hands to the session, in arrival order. */
sealed interface Inbound {

    /** One text frame, undecoded. */
    record Frame(String text) implements Inbound {}

    /** The server sent a close frame. */
    record Closed(int code, String reason) implements Inbound {}

    /** The socket failed after the upgrade, or the connection could not be made (no HTTP response). */
    record Failed(Throwable cause) implements Inbound {}

    /** The server answered the upgrade with an HTTP status other than 101. */
    record Rejected(HandshakeRejection rejection) implements Inbound {}
}
