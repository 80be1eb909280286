package dev.nightcast.narration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    @Test
    void theCeilingDoublesWithEachFailureUpToTheCap() {
        RetryBackoff atCeiling = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.999_999);

        assertThat(atCeiling.delay(1, null)).isBetween(Duration.ofMillis(990), Duration.ofSeconds(1));
        assertThat(atCeiling.delay(2, null)).isBetween(Duration.ofMillis(1990), Duration.ofSeconds(2));
        assertThat(atCeiling.delay(4, null)).isBetween(Duration.ofMillis(7990), Duration.ofSeconds(8));
        assertThat(atCeiling.delay(10, null)).isBetween(Duration.ofMillis(29_990), Duration.ofSeconds(30));
    }

    @Test
    void fullJitterCanPickAnyDelayFromZero() {
        RetryBackoff lowest = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.0);

        assertThat(lowest.delay(3, null)).isZero();
    }

    @Test
    void theServersRetryAfterIsAFloor() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.5);

        assertThat(backoff.delay(1, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThat(backoff.delay(6, Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(15));
    }
}
