package dev.nightcast.throughput;

/**
 * How many sessions (and responses) may be in flight at once: additive increase, decrease on
 * throttling. Pure arithmetic, not thread-safe; {@link Throttle} guards it.
 *
 * <ul>
 *   <li>Starts at the run's {@code concurrency} ({@code max}) and never leaves {@code 1..max}.
 *   <li><b>Refused at the handshake</b> (HTTP 429) while {@code others} sessions of ours were open or
 *       opening: the server takes at most that many right now, so the limit drops to exactly that.
 *       When many are refused at once, each lowers it to what the others hold, which settles on
 *       what was accepted.
 *   <li><b>Throttled inside a session</b> ({@code rate_limit_exceeded}, a failed response with a
 *       rate-limit code, an exhausted {@code rate_limits.updated}): a token or request budget is
 *       spent and no count says by how much, so the limit is multiplied by {@value #DECREASE}, once
 *       per generation: calls admitted before the last decrease do not decrease it again, or a burst
 *       of failures from one overload would collapse it to 1.
 *   <li><b>Success while the limit binds</b> (more callers want in than it admits): +1/limit, i.e.
 *       +1 after a full round of successes, so the gateway is probed again slowly.
 * </ul>
 */
final class AdaptiveLimit {

    static final double DECREASE = 0.7;

    private final int max;
    private double limit;
    private long generation;

    AdaptiveLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("the in-flight limit must be at least 1, was " + max);
        }
        this.max = max;
        this.limit = max;
    }

    /** Calls admitted at once right now. */
    int permits() {
        return (int) Math.floor(limit);
    }

    int max() {
        return max;
    }

    /** Changes with every decrease; a call remembers the generation it was admitted in. */
    long generation() {
        return generation;
    }

    /** A call succeeded while more callers wanted in than the limit admits. @return true when permits grew */
    boolean increase() {
        int before = permits();
        limit = Math.min(max, limit + 1.0 / before);
        return permits() > before;
    }

    /** A handshake was refused while {@code others} of our sessions were open or opening. @return true when lowered */
    boolean refusedBeyond(int others) {
        double target = Math.max(1, others);
        if (target >= limit) {
            return false;
        }
        limit = target;
        generation++;
        return true;
    }

    /**
     * A call admitted in generation {@code admittedIn} was throttled inside a session while
     * {@code inFlight} calls were in flight. @return true when lowered
     */
    boolean throttled(long admittedIn, int inFlight) {
        if (admittedIn != generation) {
            return false;
        }
        limit = Math.max(1, Math.floor(Math.min(limit, Math.max(inFlight, 1)) * DECREASE));
        generation++;
        return true;
    }
}
