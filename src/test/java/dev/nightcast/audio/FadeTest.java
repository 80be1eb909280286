package dev.nightcast.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class FadeTest {

    private static final int RATE = 24_000;
    private static final int FADE = RATE * Fade.MILLIS / 1000;

    private static double[] ones(int length) {
        double[] samples = new double[length];
        Arrays.fill(samples, 1.0);
        return samples;
    }

    @Test
    void aPieceStartsAndEndsNearSilenceRisesSmoothlyAndIsUntouchedInBetween() {
        double[] piece = ones(RATE);

        new Fade(RATE).apply(piece, 0, piece.length, 0, piece.length);

        assertThat(piece[0]).isLessThan(1e-3);
        assertThat(piece[piece.length - 1]).isLessThan(1e-3);
        for (int i = 1; i < FADE; i++) {
            assertThat(piece[i]).isGreaterThan(piece[i - 1]);
            assertThat(piece[i] - piece[i - 1]).as("step %d", i).isLessThan(2.0 / FADE);
        }
        assertThat(piece[FADE - 1]).isCloseTo(1, within(1e-3));
        assertThat(Arrays.copyOfRange(piece, FADE, piece.length - FADE)).containsOnly(1.0);
    }

    @Test
    void fadingAPieceBlockByBlockAsItIsReadGivesTheSameAsFadingItWhole() {
        double[] whole = ones(1_000);
        double[] inBlocks = ones(1_000);
        Fade fade = new Fade(RATE);

        fade.apply(whole, 0, whole.length, 0, whole.length);
        for (int from = 0; from < inBlocks.length; from += 37) {
            int to = Math.min(inBlocks.length, from + 37);
            fade.apply(inBlocks, from, to, from, inBlocks.length);
        }

        assertThat(inBlocks).containsExactly(whole);
    }

    @Test
    void aPieceShorterThanTwoFadesIsFadedInAndOutAtOnce() {
        double[] piece = ones(FADE);

        new Fade(RATE).apply(piece, 0, piece.length, 0, piece.length);

        assertThat(piece[0]).isLessThan(1e-3);
        assertThat(piece[FADE - 1]).isLessThan(1e-3);
        for (int i = 1; i < FADE / 2; i++) {
            assertThat(piece[i]).as("rising at %d", i).isGreaterThan(piece[i - 1]);
            assertThat(piece[FADE - 1 - i]).as("symmetric at %d", i).isCloseTo(piece[i], within(1e-12));
        }
    }
}
