package dev.nightcast.audio;

import static dev.nightcast.support.TestAudio.concat;
import static dev.nightcast.support.TestAudio.noise;
import static dev.nightcast.support.TestAudio.silence;
import static dev.nightcast.support.TestAudio.sine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.nightcast.support.Ebur128;
import dev.nightcast.support.TestAudio;

class TruePeakLimiterTest {

    private static final int RATE = TestAudio.RATE;
    private static final double CEILING_DB = -1;

    @TempDir
    Path dir;

    /** The limiter's output, its delay taken out: output[n] belongs to input[n]. */
    private static double[] limit(double[] input, double ceilingDb) {
        TruePeakLimiter limiter = new TruePeakLimiter(RATE, Decibels.toLinear(ceilingDb));
        double[] output = new double[input.length];
        int delay = limiter.delay();
        for (int i = 0; i < input.length + delay; i++) {
            double out = limiter.process(i < input.length ? input[i] : 0);
            if (i >= delay) {
                output[i - delay] = out;
            }
        }
        return output;
    }

    /** Speech-like: a voiced tone with bursts of noise whose peaks stand well above its level. */
    private static double[] peaky(double gain) {
        double[] signal = concat(
                sine(2, 180, 0.3),
                noise(0.3, 0.25, 1),
                sine(2, 240, 0.3),
                silence(0.5),
                noise(0.2, 0.3, 2),
                sine(3, 300, 0.25),
                noise(0.4, 0.28, 3),
                sine(1, 210, 0.3));
        for (int i = 0; i < signal.length; i++) {
            signal[i] *= gain;
        }
        new Fade(RATE).apply(signal, 0, signal.length, 0, signal.length);
        return signal;
    }

    @Test
    void peaksAGainPushesAboveTheCeilingComeOutUnderItAsFfmpegMeasuresIt() throws Exception {
        double[] loud = peaky(3.5);
        Path before = TestAudio.wav(dir.resolve("before.wav"), loud);
        assertThat(Ebur128.of(before).truePeakDbtp())
                .as("the input clips far above the ceiling")
                .isGreaterThan(2);

        Path after = TestAudio.wav(dir.resolve("after.wav"), limit(loud, CEILING_DB));

        assertThat(Ebur128.of(after).truePeakDbtp()).isLessThanOrEqualTo(CEILING_DB);
        assertThat(LoudnessMeterTest.measure(TestAudio.samples(after)).truePeakDbtp())
                .as("our own meter, rounding to 16 bits aside")
                .isLessThanOrEqualTo(CEILING_DB + 0.001);
    }

    @Test
    void whereNothingComesNearTheCeilingTheSignalPassesUntouched() {
        double[] quiet = peaky(0.5);

        double[] output = limit(quiet, CEILING_DB);

        assertThat(Arrays.mismatch(output, quiet))
                .as("first sample that differs")
                .isEqualTo(-1);
    }

    @Test
    void onlyTheNeighbourhoodOfAPeakIsTurnedDownAndTheGainChangesInRampsNotSteps() {
        // A steady tone at -10 dBFS with one loud 50 ms burst in the middle.
        double[] signal = sine(4, 200, 0.3);
        int burstFrom = 2 * RATE;
        int burstTo = burstFrom + RATE / 20;
        for (int i = burstFrom; i < burstTo; i++) {
            signal[i] *= 4;
        }

        double[] output = limit(signal, CEILING_DB);

        int window = RATE * TruePeakLimiter.LOOK_AHEAD_MS / 1000;
        // Before the look-ahead reaches the burst, and once the release has brought the gain back
        // (12 dB at 40 dB/s is 0.3 s), the tone is exactly as it was.
        int untouchedUntil = burstFrom - window - Oversampler.TAPS;
        assertThat(Arrays.mismatch(output, 0, untouchedUntil, signal, 0, untouchedUntil))
                .as("first sample that differs before the burst")
                .isEqualTo(-1);
        int untouchedFrom = burstTo + RATE * 4 / 10;
        assertThat(Arrays.mismatch(output, untouchedFrom, signal.length, signal, untouchedFrom, signal.length))
                .as("first sample that differs after the release")
                .isEqualTo(-1);
        double lowest = 1;
        double previous = 1;
        int previousAt = 0;
        double steepest = 0;
        for (int i = 0; i < signal.length; i++) {
            if (Math.abs(signal[i]) > 0.05) {
                double gain = output[i] / signal[i];
                lowest = Math.min(lowest, gain);
                steepest = Math.max(steepest, Math.abs(gain - previous) / (i - previousAt));
                previous = gain;
                previousAt = i;
            }
        }
        assertThat(lowest)
                .as("the burst's peak (1.2) is turned down to the ceiling")
                .isCloseTo(Decibels.toLinear(CEILING_DB) / 1.2, within(0.01));
        assertThat(steepest)
                .as("steepest change of the gain per sample: a ramp over the look-ahead")
                .isLessThanOrEqualTo((1 - lowest) / window + 1e-9);
    }
}
