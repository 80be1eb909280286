package dev.nightcast.job;

/** Bad usage or configuration: the run stops before any work with exit code 64. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
