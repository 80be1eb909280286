package dev.nightcast.realtime;

/** A server frame that is not a JSON object with a {@code type}, or whose fields cannot be read. */
final class MalformedEventException extends Exception {

    MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
