package dev.nightcast.narration;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential back-off with full jitter (a uniformly random delay between zero and the capped
 * exponential), so many workers throttled at once do not retry in lockstep. A server's
 * {@code Retry-After} is a floor: retrying earlier would only be refused again.
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
     * @param failedAttempts attempts that failed so far (1 before the first retry)
     * @param retryAfter the server's requested wait, or null
     */
    Duration delay(int failedAttempts, Duration retryAfter) {
        long ceiling = initial.toMillis() << Math.min(Math.max(failedAttempts - 1, 0), 20);
        long capped = Math.min(ceiling, max.toMillis());
        long jittered = (long) (random.getAsDouble() * capped);
        if (retryAfter != null && retryAfter.toMillis() > jittered) {
            return retryAfter;
        }
        return Duration.ofMillis(jittered);
    }
}
