package dev.nightcast.realtime;

/**
 * Opens narration sessions against a Realtime endpoint (Azure OpenAI, OpenAI or the simulator).
 *
 * <p>Thread-safe: one instance serves the whole run and many worker threads at once. Each call to
 * {@link #open} makes a fresh WebSocket connection with its own credentials, so a token that
 * expires during a long run is never reused.
 */
public interface RealtimeGateway {

    /**
     * Connects, waits for {@code session.created}, sends one {@code session.update} with the given
     * settings and waits for {@code session.updated}.
     *
     * @throws RealtimeException classified as transient or permanent
     */
    RealtimeSession open(SessionSettings settings) throws RealtimeException;

    /**
     * Whether another session would be admitted now without waiting. A gateway that knows of no
     * limit always has room; a throttled one has room while it holds fewer sessions than its
     * current limit and nobody waits for one. Extra work that only pays off with spare capacity
     * (idle workers helping with other episodes' segments) asks first.
     */
    default boolean hasRoom() {
        return true;
    }

    /** The model (or Azure deployment) name that narrations are billed against; part of fingerprints. */
    String model();

    /**
     * Which deployment serves this gateway's sessions, as logs, attempt rows and summaries name it:
     * the endpoint's host and the deployment name, never a credential. A gateway over several
     * deployments names each on its sessions ({@link RealtimeSession#deployment()}) and failures
     * ({@link RealtimeException#deployment()}).
     */
    default String deployment() {
        return model();
    }
}
