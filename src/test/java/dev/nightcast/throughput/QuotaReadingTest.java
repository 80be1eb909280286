package dev.nightcast.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.nightcast.realtime.RateLimit;

class QuotaReadingTest {

    private static RateLimit requests(long remaining, Duration reset) {
        return new RateLimit(RateLimit.REQUESTS, 5000, remaining, reset);
    }

    private static RateLimit tokens(long remaining, Duration reset) {
        return new RateLimit(RateLimit.TOKENS, 200_000, remaining, reset);
    }

    @Test
    void aQuotaWithRoomForAnotherResponseIsNotSpent() {
        assertThat(QuotaReading.spent(List.of(requests(1, Duration.ofSeconds(1)), tokens(4096, Duration.ofSeconds(2)))))
                .isEmpty();
        assertThat(QuotaReading.spent(List.of())).isEmpty();
    }

    @Test
    void noRequestLeftOrTooFewTokensForOneResponseIsSpent() {
        assertThat(QuotaReading.spent(List.of(requests(0, Duration.ofMillis(12)))))
                .isPresent();
        assertThat(QuotaReading.spent(List.of(tokens(4095, Duration.ofSeconds(2)))))
                .isPresent();
    }

    @Test
    void unknownRemainingIsNotTakenForSpent() {
        assertThat(QuotaReading.spent(List.of(new RateLimit("tokens", -1, -1, Duration.ZERO))))
                .isEmpty();
    }

    @Test
    void theQuotaThatRefillsLastDecidesTheWait() {
        RateLimit later = tokens(0, Duration.ofSeconds(3));

        assertThat(QuotaReading.spent(List.of(requests(0, Duration.ofSeconds(1)), later)))
                .contains(later);
        assertThat(QuotaReading.refill(later)).isEqualTo(Duration.ofSeconds(3));
        assertThat(QuotaReading.refill(requests(0, Duration.ZERO)))
                .as("a spent quota always waits a little")
                .isEqualTo(Duration.ofSeconds(1));
    }
}
