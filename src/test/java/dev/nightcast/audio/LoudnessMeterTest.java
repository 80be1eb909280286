package dev.nightcast.audio;

import static dev.nightcast.support.TestAudio.concat;
import static dev.nightcast.support.TestAudio.noise;
import static dev.nightcast.support.TestAudio.silence;
import static dev.nightcast.support.TestAudio.sine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.nightcast.support.Ebur128;
import dev.nightcast.support.TestAudio;

/**
 * The meter against BS.1770-4's own numbers and against ffmpeg's ebur128 filter, which resamples
 * to 48 kHz and uses the 48 kHz table: an independent implementation, so agreement within 0.3 LU
 * means the 24 kHz derivation, the gating and the range are right.
 */
class LoudnessMeterTest {

    private static final int RATE = TestAudio.RATE;

    @TempDir
    Path dir;

    static Loudness measure(double[] samples) {
        LoudnessMeter meter = new LoudnessMeter(RATE, 1);
        TruePeakMeter peak = new TruePeakMeter(RATE);
        // In uneven blocks, as files are read.
        for (int from = 0; from < samples.length; from += 7_919) {
            int to = Math.min(samples.length, from + 7_919);
            meter.add(samples, from, to, 0);
            peak.add(samples, from, to);
        }
        return new Loudness(meter.integrated(0), Decibels.fromLinear(peak.finish()), meter.range());
    }

    @Test
    void theKWeightingDerivedFor48kHzIsTheTablePrintedInBs1770() {
        // ITU-R BS.1770-4, Tables 1 and 2.
        KWeighting.Biquad shelf = KWeighting.headShelf(48_000);
        assertThat(shelf.b0()).isCloseTo(1.53512485958697, within(1e-9));
        assertThat(shelf.b1()).isCloseTo(-2.69169618940638, within(1e-9));
        assertThat(shelf.b2()).isCloseTo(1.19839281085285, within(1e-9));
        assertThat(shelf.a1()).isCloseTo(-1.69065929318241, within(1e-9));
        assertThat(shelf.a2()).isCloseTo(0.73248077421585, within(1e-9));
        KWeighting.Biquad highPass = KWeighting.highPass(48_000);
        assertThat(highPass.a1()).isCloseTo(-1.99004745483398, within(1e-9));
        assertThat(highPass.a2()).isCloseTo(0.99007225036621, within(1e-9));
    }

    @Test
    void atTwentyFourKilohertzTheFiltersAreDerivedForThatRateNotCopiedFromTheTable() {
        assertThat(KWeighting.headShelf(24_000).a1()).isNotCloseTo(-1.69065929318241, within(0.05));
        assertThat(KWeighting.highPass(24_000).a2()).isNotCloseTo(0.99007225036621, within(0.005));
    }

    @Test
    void aFullScaleSineAt997HzReadsMinus3Point01LufsAsBs1770Calibrates() {
        Loudness loudness = measure(sine(10, 997, 1.0));

        // -3.01 exactly at 48 kHz; at 24 kHz the bilinear transform bends the shelf a little.
        assertThat(loudness.integratedLufs()).isCloseTo(-3.01, within(0.05));
        assertThat(loudness.truePeakDbtp()).isCloseTo(0, within(0.02));
    }

    @Test
    void silenceHasNoLoudnessAndNoRange() {
        Loudness loudness = measure(silence(5));

        assertThat(loudness.integratedLufs()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(loudness.isMeasured()).isFalse();
        assertThat(loudness.rangeLu()).isZero();
    }

    static Stream<Arguments> signals() {
        return Stream.of(
                Arguments.of("a 997 Hz sine at -20 dBFS", sine(20, 997, 0.1)),
                Arguments.of("a 5 kHz sine, where the shelf lifts", sine(20, 5_000, 0.2)),
                Arguments.of("white noise up to 12 kHz", noise(20, 0.05, 1)),
                Arguments.of(
                        "low noise with a 80 Hz hum under the high-pass",
                        concat(noise(15, 0.01, 2), add(sine(15, 80, 0.3), noise(15, 0.01, 3)))),
                Arguments.of(
                        "tone bursts with silence gaps",
                        concat(
                                sine(2, 440, 0.3),
                                silence(3),
                                sine(2, 660, 0.3),
                                silence(4),
                                noise(2, 0.1, 4),
                                silence(3),
                                sine(4, 220, 0.3))),
                Arguments.of(
                        "two levels 20 dB apart: the quiet one under the relative gate",
                        concat(noise(12, 0.1, 5), noise(12, 0.01, 6))),
                Arguments.of(
                        "two levels 6 dB apart: both counted, a wide range",
                        concat(noise(12, 0.1, 7), noise(12, 0.05, 8), noise(12, 0.1, 9), noise(12, 0.025, 10))),
                Arguments.of("a square wave whose true peak lies between samples", square(12, 2_400, 0.5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signals")
    void integratedLoudnessTruePeakAndRangeAgreeWithFfmpegWithin0point3(String what, double[] samples)
            throws Exception {
        // Both measure the same 16-bit samples, faded in and out: a signal that starts or stops with a
        // jump rings in any interpolator, each its own way.
        new Fade(RATE).apply(samples, 0, samples.length, 0, samples.length);
        Path wav = TestAudio.wav(dir.resolve("signal.wav"), samples);
        double[] written = TestAudio.samples(wav);

        Loudness ours = measure(written);
        Ebur128 ffmpeg = Ebur128.of(wav);

        assertThat(ours.integratedLufs())
                .as("integrated loudness of %s", what)
                .isCloseTo(ffmpeg.integratedLufs(), within(0.3));
        assertThat(ours.truePeakDbtp()).as("true peak of %s", what).isCloseTo(ffmpeg.truePeakDbtp(), within(0.3));
        assertThat(ours.rangeLu()).as("loudness range of %s", what).isCloseTo(ffmpeg.rangeLu(), within(0.3));
    }

    @Test
    void eachTrackReadsAsIfTheOthersWereMutedAndGainsPerTrackGiveTheLoudnessOfTheGainedWhole() {
        double[] host = concat(noise(6, 0.1, 11), silence(1), silence(5), silence(1), noise(6, 0.1, 13));
        double[] guest = concat(silence(6), silence(1), sine(5, 440, 0.05), silence(1), silence(6));
        LoudnessMeter meter = new LoudnessMeter(RATE, 2);
        int guestFrom = 7 * RATE;
        int guestTo = 12 * RATE;
        meter.add(host, 0, guestFrom, 0);
        meter.add(guest, guestFrom, guestTo, 1);
        meter.add(host, guestTo, host.length, 0);
        double[] gains = {0.5, 3.0};

        double[] gainedWhole = new double[host.length];
        for (int i = 0; i < host.length; i++) {
            gainedWhole[i] = host[i] * gains[0] + guest[i] * gains[1];
        }
        assertThat(meter.integrated(0)).isCloseTo(measure(host).integratedLufs(), within(0.01));
        assertThat(meter.integrated(1)).isCloseTo(measure(guest).integratedLufs(), within(0.01));
        assertThat(meter.integrated(gains)).isCloseTo(measure(gainedWhole).integratedLufs(), within(0.01));
    }

    private static double[] add(double[] a, double[] b) {
        double[] sum = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i] + b[i];
        }
        return sum;
    }

    /** A band-limited square wave (odd harmonics under 12 kHz): its peaks overshoot between samples. */
    private static double[] square(double seconds, double frequency, double amplitude) {
        double[] samples = new double[(int) (seconds * RATE)];
        for (int harmonic = 1; harmonic * frequency < RATE / 2.0; harmonic += 2) {
            for (int i = 0; i < samples.length; i++) {
                samples[i] += amplitude
                        * 4
                        / Math.PI
                        / harmonic
                        * Math.sin(2 * Math.PI * harmonic * frequency * i / RATE + 0.3);
            }
        }
        return samples;
    }
}
