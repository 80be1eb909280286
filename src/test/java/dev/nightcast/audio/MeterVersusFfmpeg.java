package dev.nightcast.audio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

import dev.nightcast.support.Ebur128;
import dev.nightcast.support.TestAudio;

/**
 * Prints the meter's readings next to ffmpeg's for the signals {@link LoudnessMeterTest} checks, for
 * the record ({@code bench/loudness.sh}); the test asserts the agreement.
 */
public final class MeterVersusFfmpeg {

    private MeterVersusFfmpeg() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("nightcast-meter");
        System.out.printf(
                Locale.ROOT,
                "%-62s %17s %17s %17s%n",
                "signal (24 kHz, 16-bit)",
                "I LUFS ours/ffmpeg",
                "TP dBTP ours/ff",
                "LRA LU ours/ff");
        try (Stream<Arguments> signals = LoudnessMeterTest.signals()) {
            for (Arguments arguments : (Iterable<Arguments>) signals::iterator) {
                String what = (String) arguments.get()[0];
                double[] samples = (double[]) arguments.get()[1];
                new Fade(TestAudio.RATE).apply(samples, 0, samples.length, 0, samples.length);
                Path wav = TestAudio.wav(dir.resolve("signal.wav"), samples);
                Loudness ours = LoudnessMeterTest.measure(TestAudio.samples(wav));
                Ebur128 ffmpeg = Ebur128.of(wav);
                System.out.printf(
                        Locale.ROOT,
                        "%-62s %8.2f/%-8.1f %8.2f/%-8.1f %8.2f/%-8.1f%n",
                        what,
                        ours.integratedLufs(),
                        ffmpeg.integratedLufs(),
                        ours.truePeakDbtp(),
                        ffmpeg.truePeakDbtp(),
                        ours.rangeLu(),
                        ffmpeg.rangeLu());
            }
        }
        Files.deleteIfExists(dir.resolve("signal.wav"));
        Files.delete(dir);
    }
}
