package dev.nightcast.realtime.protocol;

import org.jspecify.annotations.Nullable;

/** A server frame that is not a JSON object with a {@code type}, or whose fields cannot be read. */
public final class MalformedEventException extends Exception {

    MalformedEventException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
