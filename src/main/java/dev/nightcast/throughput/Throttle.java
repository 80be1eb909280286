package dev.nightcast.throughput;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's admission gate to the gateway: at most {@link AdaptiveLimit#permits()} sessions open
 * (or opening) and at most as many responses in flight; no start while the gateway asked for a
 * pause; starts spaced by the optional {@link StartPacer}. Callers block in {@link #enterSession()}
 * and {@link #enterResponse()} until admitted, and report every outcome, which is what adapts the
 * limit.
 *
 * <p>Two gates with one limit: sessions are what a concurrent-session quota counts, responses what
 * a request or token quota counts. Lowering the limit holds back new responses at once, even on
 * sessions already open (an episode keeps its session for all its segments), and new sessions
 * until enough have ended.
 *
 * <p>Thread-safe; shared by every worker of a run.
 */
final class Throttle {

    private static final Logger log = LoggerFactory.getLogger(Throttle.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition roomChanged = lock.newCondition();
    private final AdaptiveLimit limit;
    private final StartPacer pacer;
    private final ThrottleTime time;
    private int sessions;
    private long sessionsEnded;
    private int responses;
    private int waitingForSession;
    private long pausedUntil;
    private boolean paused;
    private int lastReported;
    private final Runnable changed;

    /**
     * @param maxInFlight the run's {@code concurrency}: the limit starts there and never exceeds it
     * @param requestsPerMinute cap on starts per minute ({@code max-requests-per-minute}); 0 for none
     */
    Throttle(int maxInFlight, int requestsPerMinute, ThrottleTime time) {
        this(maxInFlight, requestsPerMinute, time, () -> {});
    }

    /** @param changed told after every report, outside the lock: room may have been made */
    Throttle(int maxInFlight, int requestsPerMinute, ThrottleTime time, Runnable changed) {
        this.limit = new AdaptiveLimit(maxInFlight);
        this.pacer = new StartPacer(requestsPerMinute);
        this.time = time;
        this.lastReported = maxInFlight;
        this.changed = changed;
    }

    /** What {@link #tryEnterSession()} returns when there is no room now. */
    static final long NO_ROOM = -1;

    /**
     * Counts one more session if one may be opened now (below the limit, no pause on), without
     * waiting; end an admitted one with exactly one report. For callers that choose among several
     * throttles and wait on their own.
     *
     * @return as {@link #enterSession()}, or {@link #NO_ROOM}
     */
    long tryEnterSession() throws InterruptedException {
        long startDelay;
        long endedBefore;
        lock.lock();
        try {
            long now = time.nanoTime();
            if (paused && pausedUntil - now > 0 || sessions >= limit.permits()) {
                return NO_ROOM;
            }
            paused = false;
            sessions++;
            endedBefore = sessionsEnded;
            startDelay = pacer.reserve(now);
        } finally {
            lock.unlock();
        }
        paceOrLeave(startDelay, this::sessionEnded);
        return endedBefore;
    }

    /**
     * Blocks until one more session may be opened, and counts it; end it with exactly one report.
     *
     * @return how many of our sessions had ended when it was admitted, to hand back if it is refused
     */
    long enterSession() throws InterruptedException {
        long startDelay;
        long endedBefore;
        lock.lock();
        try {
            waitingForSession++;
            try {
                awaitRoom(Gate.SESSIONS);
            } finally {
                waitingForSession--;
            }
            sessions++;
            endedBefore = sessionsEnded;
            startDelay = pacer.reserve(time.nanoTime());
        } finally {
            lock.unlock();
        }
        paceOrLeave(startDelay, this::sessionEnded);
        return endedBefore;
    }

    /**
     * Blocks until one more response may start, and counts it; end it with exactly one report.
     *
     * @return the limit's generation it was admitted in, to hand back with the outcome
     */
    long enterResponse() throws InterruptedException {
        long startDelay;
        long generation;
        lock.lock();
        try {
            awaitRoom(Gate.RESPONSES);
            responses++;
            generation = limit.generation();
            startDelay = pacer.reserve(time.nanoTime());
        } finally {
            lock.unlock();
        }
        paceOrLeave(startDelay, this::responseEnded);
        return generation;
    }

    /**
     * The handshake was throttled (HTTP 429): the server holds no more sessions than our others.
     * Those are ours open or opening now, and ours that ended since this one was admitted: the
     * server may still have counted them when it refused (without them, a session ending just then
     * would lower the limit below the quota).
     *
     * @param endedBefore what {@link #enterSession()} returned for this session
     */
    void sessionRefused(long endedBefore, String why) {
        update(() -> {
            sessions--;
            if (limit.refusedBeyond(sessions + (int) (sessionsEnded - endedBefore))) {
                report("the gateway refused a session (" + why + ")");
            }
        });
    }

    /** A session ended (closed and seen ended by the server), or could not be opened for another reason. */
    void sessionEnded() {
        update(() -> {
            sessions--;
            sessionsEnded++;
        });
    }

    void responseSucceeded() {
        update(() -> {
            responses--;
            if (sessions + waitingForSession > limit.permits() && limit.increase()) {
                log.debug("Gateway calls succeed: now up to {} in flight", limit.permits());
            }
        });
    }

    /** A response was throttled inside its session ({@code rate_limit_exceeded} and the like). */
    void responseThrottled(long admittedIn, String why) {
        update(() -> {
            int inFlight = responses;
            responses--;
            if (limit.throttled(admittedIn, inFlight)) {
                report("the gateway throttled a response (" + why + ")");
            }
        });
    }

    /** A response failed for a reason other than throttling: no news about capacity. */
    void responseEnded() {
        update(() -> responses--);
    }

    /**
     * The gateway reported a spent quota ({@code rate_limits.updated}): no new start before it
     * refills, and fewer in flight afterwards.
     */
    void quotaExhausted(long admittedIn, Duration refillIn, @Nullable String what) {
        update(() -> {
            long until = time.nanoTime() + refillIn.toNanos();
            if (!paused || until - pausedUntil > 0) {
                pausedUntil = until;
                paused = true;
            }
            if (limit.throttled(admittedIn, responses + 1)) {
                report("the gateway's " + what + " quota is spent for " + refillIn.toMillis() + " ms");
            }
        });
    }

    int permits() {
        return locked(limit::permits);
    }

    int sessions() {
        return locked(() -> sessions);
    }

    int responses() {
        return locked(() -> responses);
    }

    /** True when a session would be admitted now: below the limit, nobody waiting, no pause on. */
    boolean hasRoom() {
        return locked(() ->
                !(paused && pausedUntil - time.nanoTime() > 0) && waitingForSession == 0 && sessions < limit.permits());
    }

    /** Callers blocked waiting for room to open a session. */
    int waitingForSession() {
        return locked(() -> waitingForSession);
    }

    private enum Gate {
        SESSIONS,
        RESPONSES
    }

    /** Waits (lock held) until the gate has room and no pause is on. */
    private void awaitRoom(Gate gate) throws InterruptedException {
        while (true) {
            long now = time.nanoTime();
            long wait;
            if (paused && pausedUntil - now > 0) {
                wait = pausedUntil - now;
            } else {
                paused = false;
                int inFlight = gate == Gate.SESSIONS ? sessions : responses;
                if (inFlight < limit.permits()) {
                    return;
                }
                wait = ThrottleTime.UNTIL_SIGNALLED;
            }
            time.await(roomChanged, wait);
        }
    }

    private void paceOrLeave(long startDelay, Runnable leave) throws InterruptedException {
        if (startDelay <= 0) {
            return;
        }
        try {
            time.sleep(startDelay);
        } catch (InterruptedException e) {
            leave.run();
            throw e;
        }
    }

    private void report(String why) {
        int now = limit.permits();
        if (now != lastReported) {
            log.info("Throttling: {}; now at most {} in flight (of {})", why, now, limit.max());
            lastReported = now;
        } else {
            log.debug("Throttling: {}; still at most {} in flight", why, now);
        }
    }

    private void update(Runnable change) {
        lock.lock();
        try {
            change.run();
            roomChanged.signalAll();
        } finally {
            lock.unlock();
        }
        changed.run();
    }

    private <T> T locked(java.util.function.Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }
}
