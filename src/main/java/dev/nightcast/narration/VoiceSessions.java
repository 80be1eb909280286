package dev.nightcast.narration;

import org.jspecify.annotations.Nullable;

import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.RealtimeGateway;
import dev.nightcast.realtime.RealtimeSession;
import dev.nightcast.realtime.SessionSettings;

/**
 * The session an episode narrates with, per voice. A session's voice is locked once it produced
 * audio, so each voice needs its own; the narrator reads all segments of one voice before the next
 * voice's, so this keeps one connection open at a time and reuses it across that speaker's turns.
 * A session that failed, expired or belongs to another voice is replaced. Not thread-safe.
 */
final class VoiceSessions implements AutoCloseable {

    private final RealtimeGateway gateway;
    private final String instructions;
    private final double speed;
    private final ModelSnapshots snapshots;
    private @Nullable RealtimeSession session;
    private @Nullable String voice;

    VoiceSessions(RealtimeGateway gateway, String instructions, double speed) {
        this(gateway, instructions, speed, new ModelSnapshots(null));
    }

    /** @param snapshots the episode's: every session's snapshot is noted there and checked against the pin */
    VoiceSessions(RealtimeGateway gateway, String instructions, double speed, ModelSnapshots snapshots) {
        this.gateway = gateway;
        this.instructions = instructions;
        this.speed = speed;
        this.snapshots = snapshots;
    }

    /** See {@link RealtimeGateway#hasRoom()}. */
    boolean gatewayHasRoom() {
        return gateway.hasRoom();
    }

    /** Sessions of their own for another thread narrating the same episode. */
    VoiceSessions another() {
        return new VoiceSessions(gateway, instructions, speed, snapshots);
    }

    /** A usable session with {@code wanted}'s voice, opening one when needed. */
    RealtimeSession session(String wanted) throws RealtimeException {
        if (session == null || !session.isUsable() || !wanted.equals(voice)) {
            close();
            RealtimeSession opened = gateway.open(new SessionSettings(wanted, instructions, speed));
            try {
                snapshots.check(opened);
            } catch (RealtimeException e) {
                opened.close();
                throw e;
            }
            session = opened;
            voice = wanted;
        }
        return session;
    }

    /** The model snapshot of the open session, or null when none is open or the gateway named none. */
    @Nullable
    String modelSnapshot() {
        return session == null ? null : session.modelSnapshot();
    }

    /** The instructions every session and response of the episode carries. */
    String instructions() {
        return instructions;
    }

    /** Drops the open session, e.g. after a failed attempt; the next call opens a fresh one. */
    @Override
    public void close() {
        if (session != null) {
            session.close();
            session = null;
            voice = null;
        }
    }
}
