package dev.nightcast.throughput;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

import dev.nightcast.realtime.RealtimeException;

/**
 * How long a caller keeps trying a gateway call through throttling: after each throttling it waits
 * what the server asked ({@code Retry-After}, or the wait a rate-limit message names) or else an
 * exponential back-off with full jitter, until the {@link ThroughputProperties#throttleBudget()
 * budget} would be exceeded; from then on the throttling is a failed attempt like any transient
 * failure. The narrator starts one per counted attempt and does the waiting itself, so that it can
 * record each throttled call and an outage can cut the wait short. Not thread-safe.
 */
public final class Patience {

    private final ThroughputProperties settings;
    private final ThrottleTime time;
    private final DoubleSupplier random;
    private final long deadline;
    private int throttled;

    /** Starts the budget now. @param random uniform in [0, 1), for the jitter */
    public Patience(ThroughputProperties settings, DoubleSupplier random) {
        this(settings, ThrottleTime.SYSTEM, random);
    }

    Patience(ThroughputProperties settings, ThrottleTime time, DoubleSupplier random) {
        this.settings = settings;
        this.time = time;
        this.random = random;
        this.deadline = time.nanoTime() + settings.throttleBudget().toNanos();
    }

    /**
     * The wait before the throttled call is tried again, counted against the budget as if it was
     * waited from now.
     *
     * @return the wait, or empty when waiting it would exceed the budget
     */
    public Optional<Duration> nextWait(RealtimeException throttling) {
        throttled++;
        long wait = throttling.retryAfter().map(Duration::toNanos).orElseGet(this::backoff);
        if (time.nanoTime() + wait - deadline > 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(wait));
    }

    /** Throttlings seen so far, the one that spent the budget included. */
    public int throttled() {
        return throttled;
    }

    public Duration budget() {
        return settings.throttleBudget();
    }

    private long backoff() {
        long ceiling = settings.initialBackoff().toNanos() << Math.min(throttled - 1, 20);
        long capped = Math.min(ceiling, settings.maxBackoff().toNanos());
        return (long) (random.getAsDouble() * capped);
    }
}
