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

    /** The model (or Azure deployment) name that narrations are billed against; part of fingerprints. */
    String model();
}
