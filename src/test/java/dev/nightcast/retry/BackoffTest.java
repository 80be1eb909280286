package dev.nightcast.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff afterFailures = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    private final Backoff afterThrottling = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(4));

    @Test
    void theCeilingDoublesWithEachFailureUpToTheCap() {
        double atCeiling = 0.999_999;
        Duration max = afterFailures.max();

        assertThat(afterFailures.equalJitter(1, atCeiling, max))
                .isBetween(Duration.ofMillis(990), Duration.ofSeconds(1));
        assertThat(afterFailures.equalJitter(2, atCeiling, max))
                .isBetween(Duration.ofMillis(1990), Duration.ofSeconds(2));
        assertThat(afterFailures.equalJitter(4, atCeiling, max))
                .isBetween(Duration.ofMillis(7990), Duration.ofSeconds(8));
        assertThat(afterFailures.equalJitter(10, atCeiling, max))
                .isBetween(Duration.ofMillis(29_990), Duration.ofSeconds(30));
    }

    @Test
    void theEqualJitterNeverGoesBelowHalfTheCeilingSoAnInstantRefusalIsNotRetriedAtOnce() {
        // given: the luckiest draw, which full jitter would turn into no wait at all
        double lowest = 0.0;

        // then: a floor of half the capped exponential
        assertThat(afterFailures.equalJitter(1, lowest, afterFailures.max())).isEqualTo(Duration.ofMillis(500));
        assertThat(afterFailures.equalJitter(3, lowest, afterFailures.max())).isEqualTo(Duration.ofSeconds(2));
        assertThat(afterFailures.equalJitter(20, lowest, afterFailures.max())).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aLowerCapShortensTheLongWaitsButNeverBelowTheInitialBackOff() {
        double atCeiling = 0.999_999;

        assertThat(afterFailures.equalJitter(10, atCeiling, Duration.ofSeconds(15)))
                .isBetween(Duration.ofMillis(14_990), Duration.ofSeconds(15));
        assertThat(afterFailures.equalJitter(10, atCeiling, Duration.ofMillis(10)))
                .isBetween(Duration.ofMillis(990), Duration.ofSeconds(1));
    }

    @Test
    void theFullJitterBacksOffExponentiallyUpToTheCap() {
        assertThat(IntStream.rangeClosed(1, 5).mapToObj(n -> afterThrottling.fullJitter(n, 1.0)))
                .containsExactly(
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(4));
    }

    @Test
    void theFullJitterSpreadsTheWaitFromNothingToTheCeiling() {
        assertThat(afterThrottling.fullJitter(1, 0.25)).isEqualTo(Duration.ofMillis(125));
        assertThat(afterThrottling.fullJitter(1, 0.0)).isZero();
    }

    @Test
    void aHugeInitialBackOffSaturatesInsteadOfOverflowing() {
        Backoff hours = new Backoff(Duration.ofHours(3), Duration.ofDays(365));

        assertThat(hours.equalJitter(30, 0.0, hours.max())).isPositive();
        assertThat(hours.fullJitter(30, 0.5)).isPositive();
    }

    @Test
    void aMaximumBelowTheInitialBackOffIsRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
