package dev.nightcast.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import dev.nightcast.audio.WavWriter;

/** Generated test signals (24 kHz, full scale 1.0) and WAV files of them. */
public final class TestAudio {

    public static final int RATE = 24_000;

    private TestAudio() {}

    public static double[] sine(double seconds, double frequency, double amplitude) {
        double[] samples = new double[(int) Math.round(seconds * RATE)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = amplitude * Math.sin(2 * Math.PI * frequency * i / RATE);
        }
        return samples;
    }

    /** White noise, uniform, of the given RMS, from a fixed seed. */
    public static double[] noise(double seconds, double rms, long seed) {
        Random random = new Random(seed);
        double[] samples = new double[(int) Math.round(seconds * RATE)];
        double scale = rms * Math.sqrt(3);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = scale * (2 * random.nextDouble() - 1);
        }
        return samples;
    }

    /**
     * Something like speech, as a loudness meter and a limiter see it: a voiced tone (a gliding
     * fundamental with harmonics to 4 kHz) in syllables about 4 a second, with bursts of noise for
     * the fricatives; its peaks stand 12 to 15 dB above its loudness, as speech's do.
     *
     * @param level the syllables' peak amplitude (full scale 1.0)
     */
    public static double[] speechLike(double seconds, double level, long seed) {
        Random random = new Random(seed);
        double[] samples = new double[(int) Math.round(seconds * RATE)];
        double phase = 0;
        int syllableStart = 0;
        int syllableLength = RATE / 4;
        boolean fricative = false;
        for (int i = 0; i < samples.length; i++) {
            if (i - syllableStart >= syllableLength) {
                syllableStart = i;
                syllableLength = RATE / 6 + random.nextInt(RATE / 5);
                fricative = random.nextInt(5) == 0;
            }
            double t = (i - syllableStart) / (double) syllableLength;
            double envelope = Math.sin(Math.PI * t);
            double fundamental = 130 + 60 * Math.sin(2 * Math.PI * 0.7 * i / RATE);
            phase += 2 * Math.PI * fundamental / RATE;
            double voiced = 0;
            for (int k = 1; k * fundamental < 4_000; k++) {
                voiced += Math.sin(k * phase) / k;
            }
            double value = fricative ? 0.5 * (2 * random.nextDouble() - 1) : voiced / 2;
            samples[i] = level * envelope * envelope * value;
        }
        return samples;
    }

    public static double[] silence(double seconds) {
        return new double[(int) Math.round(seconds * RATE)];
    }

    public static double[] concat(double[]... parts) {
        int length = 0;
        for (double[] part : parts) {
            length += part.length;
        }
        double[] joined = new double[length];
        int at = 0;
        for (double[] part : parts) {
            System.arraycopy(part, 0, joined, at, part.length);
            at += part.length;
        }
        return joined;
    }

    /** The samples as PCM16 little-endian, rounded and clipped as a WAV holds them. */
    public static byte[] pcm(double[] samples) {
        ByteBuffer pcm = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (double sample : samples) {
            pcm.putShort((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sample * 32768))));
        }
        return pcm.array();
    }

    public static Path wav(Path file, double[] samples) throws IOException {
        try (WavWriter wav = WavWriter.create(file)) {
            wav.write(ByteBuffer.wrap(pcm(samples)));
        }
        return file;
    }

    /** The samples of a 44-byte-header PCM16 mono WAV. */
    public static double[] samples(Path wav) throws IOException {
        byte[] bytes = Files.readAllBytes(wav);
        ByteBuffer pcm = ByteBuffer.wrap(bytes, 44, bytes.length - 44).order(ByteOrder.LITTLE_ENDIAN);
        double[] samples = new double[pcm.remaining() / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = pcm.getShort() / 32768.0;
        }
        return samples;
    }

    /** {@code samples[from..to)} as a WAV of its own. */
    public static Path excerpt(Path file, double[] samples, int from, int to) throws IOException {
        double[] part = new double[to - from];
        System.arraycopy(samples, from, part, 0, part.length);
        return wav(file, part);
    }
}
