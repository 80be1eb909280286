package dev.nightcast.audio;

/**
 * The true peak of a signal (ITU-R BS.1770-4 Annex 2): the largest magnitude of its samples and of
 * the points an {@link Oversampler} reconstructs between them. Streaming, constant memory. Points
 * are only computed where a sample nearby is loud enough for them to beat the peak so far, so speech
 * costs a small fraction of computing them all. Not thread-safe.
 */
final class TruePeakMeter {

    private final Oversampler oversampler;
    private final Oversampler.History history = new Oversampler.History(Oversampler.TAPS);
    private final double bound;
    /** Index of the next sample. */
    private long next;
    /** The last sample that, when it arrived, could have made a point beat the peak. */
    private long lastLoud = Long.MIN_VALUE / 2;

    private double peak;

    TruePeakMeter(int sampleRate) {
        this.oversampler = new Oversampler(sampleRate);
        this.bound = oversampler.bound();
    }

    void add(double[] samples, int from, int to) {
        for (int i = from; i < to; i++) {
            add(samples[i]);
        }
    }

    private void add(double sample) {
        if (next < 0) {
            throw new IllegalStateException("the measurement is finished");
        }
        history.put(next, sample);
        if (Math.abs(sample) * bound > peak) {
            lastLoud = next;
        }
        long q = next - Oversampler.HALF;
        // Samples q - HALF + 1 .. q + HALF make the points after q; q + HALF is the newest.
        if (q >= 0 && lastLoud > q - Oversampler.HALF) {
            peak = Math.max(peak, Math.abs(history.get(q)));
            int start = history.start(q - Oversampler.HALF + 1);
            if (oversampler.envelope(history.samples(), start) > peak) {
                peak = Math.max(peak, oversampler.peakAfter(history.samples(), start));
            }
        }
        next++;
    }

    /**
     * The peak of everything added, the signal taken to end in silence; linear (1.0 = full scale).
     * Ends the measurement: nothing may be added after it.
     */
    double finish() {
        for (int i = 0; i < Oversampler.HALF; i++) {
            add(0);
        }
        next = Long.MIN_VALUE;
        return peak;
    }
}
