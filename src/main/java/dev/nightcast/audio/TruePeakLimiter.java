package dev.nightcast.audio;

import java.util.Arrays;

/**
 * Holds a signal's true peak under a ceiling with a look-ahead gain that is smooth in both
 * directions, and leaves it untouched (gain exactly 1) wherever nothing comes near the ceiling.
 *
 * <p>For every sample the gain it may have is {@code ceiling / peak}, the peak being the largest of
 * the sample and the {@linkplain Oversampler reconstructed points} on either side of it. The gain
 * applied is the minimum of those over the next {@value #LOOK_AHEAD_MS} ms and the interpolator's
 * reach, allowed to rise again by at most {@value #RELEASE_DB_PER_SECOND} dB per second, and then
 * averaged over {@value #LOOK_AHEAD_MS} ms: every average that covers a peak is made of values no
 * larger than the peak's own, so the peak is held under the ceiling, and the gain falls and rises in
 * ramps instead of steps (a step would be a click). The minimum reaches further than the average by
 * the interpolator's length, so every sample a reconstructed peak is made from has the same gain:
 * with the gain still ramping across them, the peak would come out a little above the ceiling. The
 * price is a delay of {@link #delay()} samples: sample {@code n} comes out when sample
 * {@code n + delay()} goes in. Not thread-safe.
 */
final class TruePeakLimiter {

    static final int LOOK_AHEAD_MS = 5;
    static final double RELEASE_DB_PER_SECOND = 40;

    private final Oversampler oversampler;
    private final double ceiling;
    /** A sample louder than this may make a point above the ceiling. */
    private final double loud;

    private final double releaseStep;
    /** Samples the gain is averaged over. */
    private final int window;
    /** Samples the minimum is taken over: the average's and the interpolator's. */
    private final int reach;

    private final Oversampler.History history;
    /** Index of the next input sample. */
    private long next;

    private long lastLoud = Long.MIN_VALUE / 2;
    /** Peak of the points between the previous position and this one. */
    private double peakBefore;
    // Sliding minimum over the last `reach` allowed gains: a deque (ring) of positions with rising gains.
    private final long[] minAt;
    private final double[] minGain;
    private final int dequeMask;
    private int minHead;
    private int minSize;
    private double held = 1;
    // Moving average over the last `window` held gains.
    private final double[] heldRing;
    private int slot;
    private double heldSum;
    /** A held gain below 1 went into the ring since it was last summed afresh. */
    private boolean dirty;

    TruePeakLimiter(int sampleRate, double ceiling) {
        this.oversampler = new Oversampler(sampleRate);
        this.ceiling = ceiling;
        this.loud = ceiling / oversampler.bound();
        this.releaseStep = Decibels.toLinear(RELEASE_DB_PER_SECOND / sampleRate);
        this.window = Math.max(1, sampleRate * LOOK_AHEAD_MS / 1000);
        this.reach = window + Oversampler.TAPS;
        this.history = new Oversampler.History(reach + 2 * Oversampler.TAPS);
        int dequeSize = Integer.highestOneBit(reach * 2 + 1);
        this.minAt = new long[dequeSize];
        this.minGain = new double[dequeSize];
        this.dequeMask = dequeSize - 1;
        this.heldRing = new double[window];
        Arrays.fill(heldRing, 1);
        this.heldSum = window;
    }

    /** Samples between one going in and its coming out. */
    int delay() {
        return Oversampler.TAPS + window - 1;
    }

    /**
     * Takes one sample and returns the one {@link #delay()} samples earlier, limited; before that
     * many samples have gone in, it returns the silence that preceded the signal.
     */
    double process(double sample) {
        history.put(next, sample);
        if (Math.abs(sample) > loud) {
            lastLoud = next;
        }
        long q = next - Oversampler.HALF;
        next++;
        double allowed = 1;
        // The points after q are made of samples q - HALF + 1 .. q + HALF (the newest); they are
        // only computed when their bounds say they might pass the ceiling.
        double peakAfter = 0;
        if (lastLoud > q - Oversampler.HALF) {
            int start = history.start(q - Oversampler.HALF + 1);
            if (oversampler.envelope(history.samples(), start) > ceiling) {
                peakAfter = oversampler.peakAfter(history.samples(), start);
            }
        }
        double peak = Math.max(Math.abs(history.get(q)), Math.max(peakBefore, peakAfter));
        peakBefore = peakAfter;
        if (peak > ceiling) {
            allowed = ceiling / peak;
        }
        double gain = smoothed(q, allowed);
        long out = q - Oversampler.HALF - window + 1;
        return history.get(out) * gain;
    }

    /** The gain for sample {@code q - HALF - window + 1}, given the gain sample {@code q} may have. */
    private double smoothed(long q, double allowed) {
        if (minSize == 1 && allowed >= minGain[minHead] && allowed == 1) {
            minAt[minHead] = q; // the usual case, nothing near the ceiling: the window holds only ones
        } else {
            while (minSize > 0 && minGain[(minHead + minSize - 1) & dequeMask] >= allowed) {
                minSize--;
            }
            minAt[(minHead + minSize) & dequeMask] = q;
            minGain[(minHead + minSize) & dequeMask] = allowed;
            minSize++;
            if (minAt[minHead] <= q - reach) {
                minHead = (minHead + 1) & dequeMask;
                minSize--;
            }
        }
        held = Math.min(minGain[minHead], held * releaseStep);
        if (held != heldRing[slot]) {
            heldSum += held - heldRing[slot];
            heldRing[slot] = held;
            dirty = true;
        }
        if (++slot == window) {
            slot = 0;
            if (dirty) {
                // Summed afresh once per window, so rounding never accumulates: after a peak the gain
                // returns to exactly 1.
                heldSum = 0;
                for (double value : heldRing) {
                    heldSum += value;
                }
                dirty = false;
            }
        }
        return Math.min(1, heldSum / window);
    }
}
