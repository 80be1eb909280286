package dev.nightcast.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class StartPacerTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void startsAreSpacedEvenlyWithoutABurst() {
        StartPacer pacer = new StartPacer(60);

        assertThat(pacer.reserve(0)).isZero();
        assertThat(pacer.reserve(0)).isEqualTo(SECOND);
        assertThat(pacer.reserve(0)).isEqualTo(2 * SECOND);
        assertThat(pacer.reserve(SECOND / 2)).isEqualTo(5 * SECOND / 2);
    }

    @Test
    void aQuietSpellEarnsNoBurstLater() {
        StartPacer pacer = new StartPacer(120);
        pacer.reserve(0);

        assertThat(pacer.reserve(60 * SECOND)).isZero();
        assertThat(pacer.reserve(60 * SECOND)).isEqualTo(SECOND / 2);
    }

    @Test
    void withoutACapNothingWaits() {
        StartPacer pacer = new StartPacer(0);

        for (int i = 0; i < 10; i++) {
            assertThat(pacer.reserve(0)).isZero();
        }
    }
}
