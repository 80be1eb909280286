package dev.nightcast.input;

/**
 * The input as a whole cannot be used (unreadable file, CSV without the needed columns, nothing
 * matches a glob). The run stops before narrating anything; the message names the file.
 */
public class InputException extends RuntimeException {

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
