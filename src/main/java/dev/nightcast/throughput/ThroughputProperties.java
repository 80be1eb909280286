package dev.nightcast.throughput;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Static throttling settings ({@code nightcast.throughput.*}). The run's {@code concurrency} and
 * {@code max-requests-per-minute} are job parameters instead.
 *
 * @param throttleBudget how long one attempt of a segment may keep going through throttling (429s
 *     and rate-limit errors, each recorded as a {@code THROTTLED} call and tried again) before the
 *     throttling counts as a failed attempt; so throttling alone fails an episode only after
 *     {@code max-attempts} such budgets (see {@code retry.RetryDecision})
 * @param initialBackoff wait after the first throttling without a {@code Retry-After}; doubles with
 *     each further one, with full jitter
 * @param maxBackoff cap of that wait
 */
@ConfigurationProperties("nightcast.throughput")
public record ThroughputProperties(
        @DefaultValue("10m") Duration throttleBudget,
        @DefaultValue("500ms") Duration initialBackoff,
        @DefaultValue("30s") Duration maxBackoff) {

    public ThroughputProperties {
        if (throttleBudget.isNegative()
                || initialBackoff.isNegative()
                || initialBackoff.isZero()
                || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("nightcast.throughput: throttle-budget must not be negative,"
                    + " initial-backoff must be positive and max-backoff at least initial-backoff");
        }
    }

    public static ThroughputProperties defaults() {
        return new ThroughputProperties(Duration.ofMinutes(10), Duration.ofMillis(500), Duration.ofSeconds(30));
    }
}
