package dev.nightcast.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The last stage of a master: each track times its gain, held under the true-peak ceiling by a
 * {@link TruePeakLimiter}, rounded to 16 bits and written to the WAV; what was written is measured
 * on the way, so the loudness recorded is the file's. The limiter's delay is absorbed: sample
 * {@code n} of the input lands at sample {@code n} of the WAV. Not thread-safe.
 */
public final class MasterRenderer {

    private static final int CHUNK = 8192;

    private final double[] gains;
    private final TruePeakLimiter limiter;
    private final WavWriter wav;
    private final LoudnessMeter loudness;
    private final TruePeakMeter truePeak;
    private final ByteBuffer pcm = ByteBuffer.allocate(CHUNK * 2).order(ByteOrder.LITTLE_ENDIAN);
    private final double[] written = new double[CHUNK];
    private int pending;
    /** Samples still to come out of the limiter before the signal does. */
    private int lead;

    /** @param gains linear gain per track, see {@link Levelling} */
    public MasterRenderer(Mastering mastering, double[] gains, WavWriter wav) {
        this.gains = gains.clone();
        this.limiter = new TruePeakLimiter(mastering.sampleRate(), mastering.ceiling());
        this.wav = wav;
        this.loudness = new LoudnessMeter(mastering.sampleRate(), 1);
        this.truePeak = new TruePeakMeter(mastering.sampleRate());
        this.lead = limiter.delay();
    }

    /** Renders {@code samples[from..to)} of {@code track} (full scale 1.0). */
    public void add(double[] samples, int from, int to, int track) throws IOException {
        double gain = gains[track];
        for (int i = from; i < to; i++) {
            emit(limiter.process(samples[i] * gain));
        }
    }

    /** Renders {@code count} samples of silence. */
    public void silence(long count) throws IOException {
        for (long i = 0; i < count; i++) {
            emit(limiter.process(0));
        }
    }

    /** Writes what the limiter still holds and returns the loudness of everything written. */
    public Loudness finish() throws IOException {
        for (int i = 0; i < limiter.delay(); i++) {
            emit(limiter.process(0));
        }
        flush();
        return new Loudness(loudness.integrated(0), Decibels.fromLinear(truePeak.finish()), loudness.range());
    }

    private void emit(double value) throws IOException {
        if (lead > 0) {
            lead--;
            return;
        }
        long rounded = Math.round(value * 32768);
        short sample = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded));
        pcm.putShort(sample);
        written[pending++] = sample / 32768.0;
        if (pending == CHUNK) {
            flush();
        }
    }

    private void flush() throws IOException {
        loudness.add(written, 0, pending, 0);
        truePeak.add(written, 0, pending);
        wav.write(pcm.flip());
        pcm.clear();
        pending = 0;
    }
}
