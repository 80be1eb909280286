package dev.nightcast.narration;

/**
 * Stops a worker because its run's {@link OutageBreaker} tripped. A control signal, not an error
 * of its own: it carries no stack trace, and the breaker has already logged the explanation.
 */
public final class GatewayOutageException extends RuntimeException {

    GatewayOutageException() {
        super("stopped: the Realtime gateway looks down (see the run summary)", null, false, false);
    }
}
