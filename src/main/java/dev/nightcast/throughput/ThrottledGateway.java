package dev.nightcast.throughput;

import org.jspecify.annotations.Nullable;

import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.RealtimeGateway;
import dev.nightcast.realtime.RealtimeSession;
import dev.nightcast.realtime.SessionSettings;

/**
 * A {@link RealtimeGateway} that keeps as much in flight as the gateway accepts, and no more.
 *
 * <p>{@link #open} waits for room in the run's {@link Throttle}. A handshake answered with HTTP 429
 * lowers the limit to what the server holds and reaches the caller as the
 * {@linkplain dev.nightcast.realtime.FailureKind#THROTTLED throttled} {@link RealtimeException} it is,
 * {@code Retry-After} included: the caller records it, waits and tries again (the retry decision's
 * throttle budget), and its next {@code open} waits for room like any other.
 * Sessions it hands out are {@link ThrottledSession}s, which gate each response the same way and
 * give their slot back only once the server has seen them end.
 *
 * <p>Other failures pass through unchanged. Thread-safe; one per run configuration.
 */
public final class ThrottledGateway implements RealtimeGateway {

    private final RealtimeGateway delegate;
    private final Throttle throttle;

    /**
     * @param maxInFlight the run's {@code concurrency}
     * @param requestsPerMinute {@code max-requests-per-minute}, 0 for no cap
     */
    public ThrottledGateway(RealtimeGateway delegate, int maxInFlight, int requestsPerMinute) {
        this(delegate, new Throttle(maxInFlight, requestsPerMinute, ThrottleTime.SYSTEM));
    }

    /**
     * One of several deployments, each with a throttle of its own, chosen between by a caller that
     * waits on its own ({@link #tryOpen}).
     *
     * @param roomChanged told whenever room may have been made (a session ended, the limit moved)
     */
    public ThrottledGateway(RealtimeGateway delegate, int maxInFlight, int requestsPerMinute, Runnable roomChanged) {
        this(delegate, new Throttle(maxInFlight, requestsPerMinute, ThrottleTime.SYSTEM, roomChanged));
    }

    ThrottledGateway(RealtimeGateway delegate, Throttle throttle) {
        this.delegate = delegate;
        this.throttle = throttle;
    }

    @Override
    public RealtimeSession open(SessionSettings sessionSettings) throws RealtimeException {
        long endedBefore;
        try {
            endedBefore = throttle.enterSession();
        } catch (InterruptedException e) {
            throw interrupted(e, "while waiting for room to open a session");
        }
        return openAdmitted(sessionSettings, endedBefore);
    }

    /**
     * Opens a session if this gateway has room for one now, without waiting for room.
     *
     * @return the session, or null when there is no room now
     * @throws RealtimeException as {@link #open}
     */
    public @Nullable RealtimeSession tryOpen(SessionSettings sessionSettings) throws RealtimeException {
        long endedBefore;
        try {
            endedBefore = throttle.tryEnterSession();
        } catch (InterruptedException e) {
            throw interrupted(e, "while pacing the start of a session");
        }
        if (endedBefore == Throttle.NO_ROOM) {
            return null;
        }
        return openAdmitted(sessionSettings, endedBefore);
    }

    private RealtimeSession openAdmitted(SessionSettings sessionSettings, long endedBefore) throws RealtimeException {
        RealtimeSession session;
        try {
            session = delegate.open(sessionSettings);
        } catch (RealtimeException e) {
            if (e.kind() == FailureKind.THROTTLED) {
                throttle.sessionRefused(endedBefore, e.code());
            } else {
                throttle.sessionEnded();
            }
            throw e.failedOn(delegate.deployment());
        } catch (RuntimeException e) {
            throttle.sessionEnded();
            throw e;
        }
        return new ThrottledSession(session, throttle, delegate.deployment());
    }

    @Override
    public String deployment() {
        return delegate.deployment();
    }

    /** Our sessions open or opening on this gateway now. */
    public int sessions() {
        return throttle.sessions();
    }

    @Override
    public String model() {
        return delegate.model();
    }

    @Override
    public boolean hasRoom() {
        return throttle.hasRoom();
    }

    /** Sessions the gateway may hold right now (the adaptive limit). */
    public int inFlightLimit() {
        return throttle.permits();
    }

    static RealtimeException interrupted(InterruptedException e, String what) {
        Thread.currentThread().interrupt();
        return new RealtimeException(FailureKind.TRANSIENT, "interrupted", "interrupted " + what, null, e);
    }

    @Override
    public String toString() {
        return "ThrottledGateway[" + delegate + "]";
    }
}
