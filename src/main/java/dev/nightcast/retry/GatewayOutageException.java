package dev.nightcast.retry;

/**
 * Stops a worker because its run's {@link OutageBreaker} tripped: the gateway looks down, or it
 * refused the configuration. A control signal, not an error of its own: it carries no stack trace,
 * and the breaker has already logged the explanation.
 */
public final class GatewayOutageException extends RuntimeException {

    public GatewayOutageException() {
        super(
                "stopped: the Realtime gateway looks down or refused the configuration (see the run summary)",
                null,
                false,
                false);
    }
}
