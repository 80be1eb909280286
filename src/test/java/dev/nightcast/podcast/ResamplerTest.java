package dev.nightcast.podcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The resampler against the theory it implements: a sine comes out as the same sine (gain and
 * phase), nothing else comes out (images and aliases of the input band), a click stays where it
 * was, and the length is exact whatever the block sizes.
 */
class ResamplerTest {

    private static final int IN = 24_000;

    @ParameterizedTest
    @ValueSource(ints = {44_100, 48_000})
    void tonesUpTo10kHzComeOutAtTheSameLevelAndPhase(int out) {
        for (double frequency : new double[] {50, 440, 1_000, 3_000, 6_000, 9_000, 10_000}) {
            float[] output = resample(sine(frequency, 1.0, 0), out, 4096);

            Fit fit = Fit.of(output, out, frequency);
            assertThat(fit.gainDb()).as("%s Hz gain at %d", frequency, out).isBetween(-0.01, 0.01);
            assertThat(fit.phase()).as("%s Hz phase at %d", frequency, out).isBetween(-1e-3, 1e-3);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {44_100, 48_000})
    void nothingButTheToneComesOutImagesAndAliasesAre100dBDown(int out) {
        for (double frequency : new double[] {1_000, 5_000, 8_000, 10_000}) {
            float[] output = resample(sine(frequency, 1.0, 0), out, 4096);

            Fit fit = Fit.of(output, out, frequency);
            assertThat(fit.residualDb())
                    .as("everything but the %s Hz tone at %d", frequency, out)
                    .isLessThan(-100);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {44_100, 48_000})
    void aClickComesOutWhereItWasWithoutDelay(int out) {
        float[] input = new float[IN];
        input[12_000] = 1; // at 0.5 s
        float[] output = resample(input, out, 1000);

        int peak = 0;
        for (int i = 1; i < output.length; i++) {
            if (Math.abs(output[i]) > Math.abs(output[peak])) {
                peak = i;
            }
        }
        assertThat(peak).isEqualTo(out / 2);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 1000, 100_000})
    void theOutputHasExactlyCeilingOfInputTimesTheRatioSamplesWhateverTheBlocks(int block) {
        for (int inputs : new int[] {0, 1, 79, 80, 81, 24_000, 24_001}) {
            float[] input = sine(440, inputs / (double) IN, 0);
            float[] whole = resample(input, 44_100, Math.max(1, inputs));
            float[] blocks = resample(input, 44_100, block);

            assertThat(blocks).hasSize((int) Math.ceil(inputs * 147 / 80.0));
            assertThat(Arrays.equals(blocks, whole))
                    .as("same samples in blocks of %d", block)
                    .isTrue();
        }
    }

    static float[] resample(float[] input, int outRate, int block) {
        Resampler resampler = new Resampler(IN, outRate);
        float[] out = new float[input.length * 2 + 64];
        float[] buffer = new float[resampler.maxOutput(block)];
        int written = 0;
        for (int at = 0; at < input.length; at += block) {
            int n = resampler.resample(input, at, Math.min(block, input.length - at), buffer);
            System.arraycopy(buffer, 0, out, written, n);
            written += n;
        }
        int n = resampler.finish(buffer);
        System.arraycopy(buffer, 0, out, written, n);
        return Arrays.copyOf(out, written + n);
    }

    /** A sine at full 16-bit scale. */
    static float[] sine(double frequency, double seconds, double phase) {
        float[] samples = new float[(int) Math.round(seconds * IN)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (30_000 * Math.sin(2 * Math.PI * frequency * i / IN + phase));
        }
        return samples;
    }

    /**
     * The least-squares fit of a sine of known frequency to the steady middle of a signal (the
     * edges, where the tone starts and stops, left out), and what the fit leaves.
     */
    record Fit(double gainDb, double phase, double residualDb) {

        static Fit of(float[] signal, int rate, double frequency) {
            int from = signal.length / 4;
            int to = signal.length * 3 / 4;
            double ss = 0;
            double sc = 0;
            double cc = 0;
            double ys = 0;
            double yc = 0;
            for (int i = from; i < to; i++) {
                double s = Math.sin(2 * Math.PI * frequency * i / rate);
                double c = Math.cos(2 * Math.PI * frequency * i / rate);
                ss += s * s;
                sc += s * c;
                cc += c * c;
                ys += signal[i] * s;
                yc += signal[i] * c;
            }
            double det = ss * cc - sc * sc;
            double a = (ys * cc - yc * sc) / det;
            double b = (yc * ss - ys * sc) / det;
            double residual = 0;
            double power = 0;
            for (int i = from; i < to; i++) {
                double fitted = a * Math.sin(2 * Math.PI * frequency * i / rate)
                        + b * Math.cos(2 * Math.PI * frequency * i / rate);
                residual += (signal[i] - fitted) * (signal[i] - fitted);
                power += fitted * fitted;
            }
            double amplitude = Math.hypot(a, b);
            return new Fit(20 * Math.log10(amplitude / 30_000), Math.atan2(b, a), 10 * Math.log10(residual / power));
        }
    }
}
