package dev.nightcast.narration;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential back-off with "equal" jitter: a delay drawn uniformly between half the capped
 * exponential and all of it, so many workers failing at once do not retry in lockstep, and none
 * retries at once. Full jitter (from zero) let a refused connection be retried after 26 ms and
 * 80 ms: ten failures in a second, for a gateway that was back two seconds later. A server's
 * {@code Retry-After} is a floor too: retrying earlier would only be refused again.
 */
final class RetryBackoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    RetryBackoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /**
     * @param failedAttempts failed calls so far (1 before the first retry); the ceiling doubles with each
     * @param retryAfter the server's requested wait, or null
     */
    Duration delay(int failedAttempts, Duration retryAfter) {
        return delay(failedAttempts, retryAfter, max);
    }

    /** The same, with the exponential capped at {@code cap} when that is below the configured maximum. */
    Duration delay(int failedAttempts, Duration retryAfter, Duration cap) {
        long ceiling = initial.toMillis() << Math.min(Math.max(failedAttempts - 1, 0), 20);
        long capped = Math.min(ceiling, Math.min(max.toMillis(), Math.max(cap.toMillis(), initial.toMillis())));
        long jittered = capped / 2 + (long) (random.getAsDouble() * (capped - capped / 2));
        if (retryAfter != null && retryAfter.toMillis() > jittered) {
            return retryAfter;
        }
        return Duration.ofMillis(jittered);
    }
}
