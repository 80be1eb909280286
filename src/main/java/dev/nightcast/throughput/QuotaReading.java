package dev.nightcast.throughput;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.nightcast.realtime.RateLimit;

/**
 * Reads {@code rate_limits.updated}: a quota counts as spent when what remains cannot pay for one
 * more response: no request left, or fewer tokens than a response reserves when it starts (its
 * {@code max_output_tokens}, 4,096 for the narrator's responses).
 */
final class QuotaReading {

    /** What the service reserves per response: the narrator always asks for the 4,096-token cap. */
    static final long TOKENS_PER_RESPONSE = 4096;

    private QuotaReading() {}

    /** The spent quota that refills last, if any. */
    static Optional<RateLimit> spent(List<RateLimit> limits) {
        return limits.stream()
                .filter(limit -> limit.remaining() >= 0 && limit.remaining() < needed(limit.name()))
                .max((a, b) -> a.resetIn().compareTo(b.resetIn()));
    }

    /** How long new starts should wait for a spent quota to refill; never nothing. */
    static Duration refill(RateLimit limit) {
        return limit.resetIn().isZero() ? Duration.ofSeconds(1) : limit.resetIn();
    }

    private static long needed(@Nullable String name) {
        return RateLimit.TOKENS.equals(name) ? TOKENS_PER_RESPONSE : 1;
    }
}
