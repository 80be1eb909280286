package dev.nightcast.realtime.websocket;

import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.protocol.EventDecoder;
import dev.nightcast.realtime.protocol.MalformedEventException;
import dev.nightcast.realtime.protocol.ServerEvent;

/**
 * The decoded server side of one connection: the next {@link ServerEvent}, or the classified
 * failure that ended the socket. Used by one thread at a time (whoever drives the session).
 */
final class EventStream {

    private final WebSocketConnection connection;
    private final EventDecoder decoder = new EventDecoder();
    private final Clock clock;
    private final SettingNames settings;

    EventStream(WebSocketConnection connection, Clock clock, SettingNames settings) {
        this.connection = connection;
        this.clock = clock;
        this.settings = settings;
    }

    /** How configuration hints name the settings of the endpoint this stream is connected to. */
    SettingNames settings() {
        return settings;
    }

    /**
     * Waits up to {@code timeout} for the next event.
     *
     * @return the event, or null when the time ran out
     * @throws RealtimeException when the server closed or rejected the socket, the network failed,
     *     or a frame could not be decoded
     */
    @Nullable
    ServerEvent next(Duration timeout, String subject) throws RealtimeException {
        Inbound in = connection.poll(timeout);
        if (in == null) {
            return null;
        }
        if (in instanceof Inbound.Frame frame) {
            try {
                return decoder.decode(frame.text());
            } catch (MalformedEventException e) {
                throw FailureClassifier.malformed(e, subject);
            }
        }
        if (in instanceof Inbound.Closed closed) {
            throw FailureClassifier.closed(closed.code(), closed.reason(), subject, settings);
        }
        if (in instanceof Inbound.Rejected rejected) {
            throw FailureClassifier.handshake(rejected.rejection(), subject, clock, settings);
        }
        throw FailureClassifier.network(((Inbound.Failed) in).cause(), subject);
    }

    /** Resets per-response audio state before a {@code response.create}. */
    void startResponse() {
        decoder.startResponse();
    }

    boolean hasDanglingByte() {
        return decoder.hasDanglingByte();
    }

    boolean send(String json) {
        return connection.send(json);
    }

    WebSocketConnection connection() {
        return connection;
    }
}
