package dev.nightcast.narration;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Static narration settings ({@code nightcast.narration.*}). Per-run choices (voice, attempts,
 * concurrency) are job parameters instead.
 *
 * @param maxSegmentWords longest segment sent as one response; 250 words is about 100 s of speech,
 *     well under the 4,096-output-token cap (about 150 s)
 * @param segmentPause silence inserted between two segments
 * @param initialBackoff first retry delay before jitter; doubles with each attempt
 * @param maxBackoff cap of the retry delay before jitter
 * @param outageThreshold consecutive transient gateway failures, across at least two episodes and
 *     without a success in between, after which the run stops as a gateway outage (see
 *     {@link OutageBreaker}); never fewer than two per worker
 */
@ConfigurationProperties("nightcast.narration")
public record NarrationProperties(
        @DefaultValue("250") int maxSegmentWords,
        @DefaultValue("350ms") Duration segmentPause,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("10") int outageThreshold) {

    public NarrationProperties {
        if (maxSegmentWords < 20) {
            throw new IllegalArgumentException("nightcast.narration.max-segment-words must be at least 20");
        }
        if (segmentPause.isNegative() || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "nightcast.narration: segment-pause and backoffs must be positive, max-backoff >= initial-backoff");
        }
        if (outageThreshold < OutageBreaker.MIN_EPISODES) {
            throw new IllegalArgumentException("nightcast.narration.outage-threshold must be at least "
                    + OutageBreaker.MIN_EPISODES);
        }
    }
}
