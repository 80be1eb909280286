package dev.nightcast.throughput;

import java.util.function.DoubleSupplier;

import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.RealtimeGateway;
import dev.nightcast.realtime.RealtimeSession;
import dev.nightcast.realtime.SessionSettings;

/**
 * A {@link RealtimeGateway} that keeps as much in flight as the gateway accepts, and no more, so
 * narration code never sees throttling it does not need to.
 *
 * <p>{@link #open} waits for room in the run's {@link Throttle}; a handshake answered with HTTP
 * 429 lowers the limit to what the server holds, and is tried again after {@code Retry-After}
 * (or a back-off) within the throttle budget, without reaching the caller: a throttled handshake
 * is not a failed attempt. Sessions it hands out are {@link ThrottledSession}s, which gate each
 * response the same way and give their slot back only once the server has seen them end.
 *
 * <p>Other failures pass through unchanged. Thread-safe; one per run configuration.
 */
public final class ThrottledGateway implements RealtimeGateway {

    private final RealtimeGateway delegate;
    private final Throttle throttle;
    private final ThroughputProperties settings;
    private final ThrottleTime time;
    private final DoubleSupplier random;

    /**
     * @param maxInFlight the run's {@code concurrency}
     * @param requestsPerMinute {@code max-requests-per-minute}, 0 for no cap
     */
    public ThrottledGateway(RealtimeGateway delegate, int maxInFlight, int requestsPerMinute,
            ThroughputProperties settings, DoubleSupplier random) {
        this(delegate, new Throttle(maxInFlight, requestsPerMinute, ThrottleTime.SYSTEM), settings,
                ThrottleTime.SYSTEM, random);
    }

    ThrottledGateway(RealtimeGateway delegate, Throttle throttle, ThroughputProperties settings, ThrottleTime time,
            DoubleSupplier random) {
        this.delegate = delegate;
        this.throttle = throttle;
        this.settings = settings;
        this.time = time;
        this.random = random;
    }

    @Override
    public RealtimeSession open(SessionSettings sessionSettings) throws RealtimeException {
        Patience patience = patience();
        while (true) {
            try {
                throttle.enterSession();
            } catch (InterruptedException e) {
                throw Patience.interrupted(e, "while waiting for room to open a session");
            }
            RealtimeSession session;
            try {
                session = delegate.open(sessionSettings);
            } catch (RealtimeException e) {
                if (!e.isRateLimited()) {
                    throttle.sessionEnded();
                    throw e;
                }
                throttle.sessionRefused(e.code());
                patience.waitAfter(e);
                continue;
            } catch (RuntimeException e) {
                throttle.sessionEnded();
                throw e;
            }
            return new ThrottledSession(session, throttle, this::patience);
        }
    }

    @Override
    public String model() {
        return delegate.model();
    }

    /** Sessions the gateway may hold right now (the adaptive limit). */
    public int inFlightLimit() {
        return throttle.permits();
    }

    Patience patience() {
        return new Patience(settings, time, random);
    }

    @Override
    public String toString() {
        return "ThrottledGateway[" + delegate + "]";
    }
}
