package dev.nightcast.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AdaptiveLimitTest {

    @Test
    void startsAtTheRunsConcurrency() {
        AdaptiveLimit limit = new AdaptiveLimit(16);

        assertThat(limit.permits()).isEqualTo(16);
        assertThat(limit.generation()).isZero();
        assertThatThrownBy(() -> new AdaptiveLimit(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusalsSettleOnWhatTheServerAcceptedWhateverTheirOrder() {
        AdaptiveLimit limit = new AdaptiveLimit(16);

        // Sixteen handshakes at once, four accepted: each refusal sees the others still in flight.
        for (int inFlight = 16; inFlight > 4; inFlight--) {
            limit.refusedBeyond(inFlight - 1);
        }

        assertThat(limit.permits()).isEqualTo(4);
        assertThat(limit.refusedBeyond(6))
                .as("a refusal never raises the limit")
                .isFalse();
        assertThat(limit.permits()).isEqualTo(4);
    }

    @Test
    void aRefusalWithNothingElseInFlightStillLeavesOne() {
        AdaptiveLimit limit = new AdaptiveLimit(4);

        assertThat(limit.refusedBeyond(0)).isTrue();

        assertThat(limit.permits()).isEqualTo(1);
    }

    @Test
    void successesRaiseTheLimitByOneAfterAFullRound() {
        AdaptiveLimit limit = new AdaptiveLimit(8);
        limit.refusedBeyond(4);

        assertThat(limit.increase()).isFalse();
        assertThat(limit.increase()).isFalse();
        assertThat(limit.increase()).isFalse();
        assertThat(limit.increase()).as("fourth success at a limit of four").isTrue();
        assertThat(limit.permits()).isEqualTo(5);
        for (int i = 0; i < 4; i++) {
            assertThat(limit.increase()).isFalse();
        }
        assertThat(limit.increase()).as("fifth success at a limit of five").isTrue();
        assertThat(limit.permits()).isEqualTo(6);
    }

    @Test
    void theLimitNeverGrowsBeyondTheRunsConcurrency() {
        AdaptiveLimit limit = new AdaptiveLimit(3);

        for (int i = 0; i < 100; i++) {
            limit.increase();
        }

        assertThat(limit.permits()).isEqualTo(3);
    }

    @Test
    void throttlingCutsTheLimitMultiplicativelyOncePerGeneration() {
        AdaptiveLimit limit = new AdaptiveLimit(10);
        long admitted = limit.generation();

        assertThat(limit.throttled(admitted, 10)).isTrue();
        assertThat(limit.permits()).isEqualTo(7);
        assertThat(limit.throttled(admitted, 10))
                .as("same overload, reported by another call")
                .isFalse();
        assertThat(limit.permits()).isEqualTo(7);

        assertThat(limit.throttled(limit.generation(), 7)).isTrue();
        assertThat(limit.permits()).isEqualTo(4);
    }

    @Test
    void throttlingCutsFromWhatWasReallyInFlightAndNeverBelowOne() {
        AdaptiveLimit limit = new AdaptiveLimit(10);

        limit.throttled(limit.generation(), 2);
        assertThat(limit.permits()).isEqualTo(1);
        limit.throttled(limit.generation(), 1);
        assertThat(limit.permits()).isEqualTo(1);
    }
}
