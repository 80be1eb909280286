package dev.nightcast.throughput;

import java.util.concurrent.TimeUnit;

/**
 * Spaces starts evenly so that no more than {@code perMinute} begin in any minute
 * ({@code max-requests-per-minute}): one start every {@code 60 s / perMinute}, no bursts. Every
 * connection and every response counts as a start, because the service does not document which
 * of the two its request quota counts. Pure arithmetic on nanosecond timestamps, not
 * thread-safe; {@link Throttle} guards it.
 */
final class StartPacer {

    private final long intervalNanos;
    private long next;
    private boolean started;

    /** @param perMinute starts per minute; 0 means no cap */
    StartPacer(int perMinute) {
        if (perMinute < 0) {
            throw new IllegalArgumentException("requests per minute must not be negative, was " + perMinute);
        }
        this.intervalNanos = perMinute == 0 ? 0 : TimeUnit.MINUTES.toNanos(1) / perMinute;
    }

    /** Reserves the next start at or after {@code now}. @return nanoseconds to wait before starting */
    long reserve(long now) {
        if (intervalNanos == 0) {
            return 0;
        }
        long slot = started && next - now > 0 ? next : now;
        started = true;
        next = slot + intervalNanos;
        return slot - now;
    }
}
