package dev.nightcast.retry;

import java.time.Duration;

/**
 * Exponential back-off with jitter, the one formula for every wait the narrator chooses: a ceiling
 * that starts at {@code initial} and doubles with each failure up to {@code max}, and a delay drawn
 * below it, so that many workers failing at once do not retry in lockstep.
 *
 * <p>Two jitters, for two purposes. After a failure, <em>equal</em> jitter (between half the ceiling
 * and all of it): full jitter had let a refused connection be retried after 26 ms and 80 ms, ten
 * failures in a second for a gateway that was back two seconds later. After throttling,
 * <em>full</em> jitter (from nothing to the ceiling): the throttle already holds the callers back
 * until there is room.
 *
 * @param initial the ceiling after the first failure
 * @param max the highest ceiling
 */
public record Backoff(Duration initial, Duration max) {

    private static final int MAX_DOUBLINGS = 20;

    public Backoff {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off: initial must not be negative, max at least initial");
        }
    }

    /**
     * From half the ceiling to all of it.
     *
     * @param failures failures so far, 1 for the first; the ceiling doubles with each
     * @param draw uniform in [0, 1)
     * @param cap a lower ceiling than {@code max} for these waits (never below {@code initial})
     */
    Duration equalJitter(int failures, double draw, Duration cap) {
        long ceiling = ceilingNanos(failures, cap);
        return Duration.ofNanos(ceiling / 2 + (long) (draw * (ceiling - ceiling / 2)));
    }

    /**
     * From nothing to the ceiling.
     *
     * @param failures failures so far, 1 for the first; the ceiling doubles with each
     * @param draw uniform in [0, 1)
     */
    Duration fullJitter(int failures, double draw) {
        return Duration.ofNanos((long) (draw * ceilingNanos(failures, max)));
    }

    private long ceilingNanos(int failures, Duration cap) {
        int doublings = Math.min(Math.max(failures - 1, 0), MAX_DOUBLINGS);
        long start = initial.toNanos();
        long ceiling = start > Long.MAX_VALUE >> doublings ? Long.MAX_VALUE : start << doublings;
        long highest = Math.min(max.toNanos(), Math.max(cap.toNanos(), initial.toNanos()));
        return Math.min(ceiling, highest);
    }
}
