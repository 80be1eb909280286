package dev.nightcast.realtime.websocket;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.SessionSettings;
import dev.nightcast.realtime.protocol.ClientEvents;
import dev.nightcast.realtime.protocol.ServerEvent;

/**
 * The opening exchange of a connection: wait for {@code session.created}, send one
 * {@code session.update}, wait for {@code session.updated} and check that the server took the
 * voice and the PCM16 24 kHz format. Each wait is bounded by {@code timeouts.sessionReady}. An
 * endpoint that answers the GA update in the beta shape, or does not know its parameters, speaks the
 * old protocol: a {@link dev.nightcast.realtime.FailureKind#CONFIGURATION} failure.
 */
public final class SessionSetup {

    private static final Logger log = LoggerFactory.getLogger(SessionSetup.class);

    private final EventStream events;
    private final Duration sessionReady;
    private final String subject;

    SessionSetup(EventStream events, Duration sessionReady) {
        this.events = events;
        this.sessionReady = sessionReady;
        this.subject = "opening a session at " + events.connection().description();
    }

    /**
     * A configured session.
     *
     * @param expiresAt when the server will end the session ({@code expires_at}), or null when it did not say
     * @param model the model snapshot {@code session.created} named, or null when it named none
     */
    record Configured(@Nullable Instant expiresAt, @Nullable String model) {}

    Configured configure(SessionSettings settings) throws RealtimeException {
        ServerEvent.SessionCreated created = await(ServerEvent.SessionCreated.class, "session.created");
        log.debug("session {} created", created.sessionId());
        if (!events.send(ClientEvents.sessionUpdate("cfg-1", settings))) {
            throw FailureClassifier.sendFailed("session.update", subject);
        }
        ServerEvent.SessionUpdated updated = await(ServerEvent.SessionUpdated.class, "session.updated");
        if (!updated.gaShape()) {
            throw FailureClassifier.betaProtocol(
                    "session.updated has the flat beta shape (no session.audio)", subject, events.settings());
        }
        if (!settings.voice().equals(updated.voice())) {
            throw FailureClassifier.sessionMismatch(
                    "session.updated has voice " + updated.voice() + " instead of " + settings.voice(), subject);
        }
        if (!"audio/pcm".equals(updated.formatType()) || updated.formatRate() != ClientEvents.SAMPLE_RATE) {
            throw FailureClassifier.sessionMismatch(
                    "session.updated has output format " + updated.formatType() + " at " + updated.formatRate()
                            + " Hz instead of audio/pcm at 24000 Hz",
                    subject);
        }
        return new Configured(
                created.expiresAt() > 0 ? Instant.ofEpochSecond(created.expiresAt()) : null, created.model());
    }

    private <T extends ServerEvent> T await(Class<T> wanted, String name) throws RealtimeException {
        long deadline = System.nanoTime() + sessionReady.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            ServerEvent event = left > 0 ? events.next(Duration.ofNanos(left), subject) : null;
            if (event == null) {
                throw FailureClassifier.notReady(name, sessionReady, subject);
            }
            if (wanted.isInstance(event)) {
                return wanted.cast(event);
            }
            if (event instanceof ServerEvent.Error error) {
                // Before session.created nothing of ours was read; afterwards the error answers our update.
                throw wanted == ServerEvent.SessionUpdated.class
                        ? FailureClassifier.sessionUpdateRefused(error.error(), subject, events.settings())
                        : FailureClassifier.error(error.error(), subject, events.settings());
            }
            log.debug("ignoring {} while waiting for {}", event, name);
        }
    }
}
