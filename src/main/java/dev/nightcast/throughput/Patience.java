package dev.nightcast.throughput;

import java.time.Duration;
import java.util.function.DoubleSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;

/**
 * How long one gateway call keeps trying through throttling: it waits what the server asked
 * ({@code Retry-After}) or an exponential back-off with full jitter, until the call's
 * {@link ThroughputProperties#throttleBudget() budget} would be exceeded; then the throttling is
 * handed to the caller as the transient failure it is. One per call; not thread-safe.
 */
final class Patience {

    private static final Logger log = LoggerFactory.getLogger(Patience.class);

    private final ThroughputProperties settings;
    private final ThrottleTime time;
    private final DoubleSupplier random;
    private final long deadline;
    private int throttled;

    Patience(ThroughputProperties settings, ThrottleTime time, DoubleSupplier random) {
        this.settings = settings;
        this.time = time;
        this.random = random;
        this.deadline = time.nanoTime() + settings.throttleBudget().toNanos();
    }

    /**
     * Waits before the call is tried again.
     *
     * @throws RealtimeException {@code throttling} itself once the budget is spent, or when interrupted
     */
    void waitAfter(RealtimeException throttling) throws RealtimeException {
        throttled++;
        long wait = throttling.retryAfter().map(Duration::toNanos).orElseGet(this::backoff);
        if (time.nanoTime() + wait - deadline > 0) {
            log.warn("{} - throttled {} time(s), giving up after the throttle budget of {}", throttling.getMessage(),
                    throttled, settings.throttleBudget());
            throw throttling;
        }
        log.debug("{} - throttled, waiting {} ms", throttling.getMessage(), wait / 1_000_000);
        try {
            time.sleep(wait);
        } catch (InterruptedException e) {
            throw Patience.interrupted(e, "while waiting out throttling");
        }
    }

    int throttled() {
        return throttled;
    }

    private long backoff() {
        long ceiling = settings.initialBackoff().toNanos() << Math.min(throttled - 1, 20);
        long capped = Math.min(ceiling, settings.maxBackoff().toNanos());
        return (long) (random.getAsDouble() * capped);
    }

    static RealtimeException interrupted(InterruptedException e, String what) {
        Thread.currentThread().interrupt();
        return new RealtimeException(FailureKind.TRANSIENT, "interrupted", "interrupted " + what, null, e);
    }
}
