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
    void theJitterNeverGoesBelowHalfTheCeilingSoAnInstantRefusalIsNotRetriedAtOnce() {
        // given: the luckiest draw, which full jitter would turn into no wait at all
        RetryBackoff lowest = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.0);

        // then: a floor of half the capped exponential
        assertThat(lowest.delay(1, null)).isEqualTo(Duration.ofMillis(500));
        assertThat(lowest.delay(3, null)).isEqualTo(Duration.ofSeconds(2));
        assertThat(lowest.delay(20, null)).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void theServersRetryAfterIsAFloor() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.5);

        assertThat(backoff.delay(1, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThat(backoff.delay(6, Duration.ofSeconds(2))).isEqualTo(Duration.ofMillis(22_500));
    }

    @Test
    void aLowerCapShortensTheLongWaitsButNeverBelowTheInitialBackOff() {
        RetryBackoff atCeiling = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.999_999);

        assertThat(atCeiling.delay(10, null, Duration.ofSeconds(15))).isBetween(Duration.ofMillis(14_990),
                Duration.ofSeconds(15));
        assertThat(atCeiling.delay(10, null, Duration.ofMillis(10))).isBetween(Duration.ofMillis(990),
                Duration.ofSeconds(1));
        assertThat(atCeiling.delay(10, Duration.ofSeconds(20), Duration.ofSeconds(15)))
                .as("Retry-After is still a floor").isEqualTo(Duration.ofSeconds(20));
    }
}
