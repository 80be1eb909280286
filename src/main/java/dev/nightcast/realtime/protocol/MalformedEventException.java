package dev.nightcast.realtime.protocol;

/** A server frame that is not a JSON object with a {@code type}, or whose fields cannot be read. */
public final class MalformedEventException extends Exception {

    MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
