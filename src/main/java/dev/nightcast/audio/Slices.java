package dev.nightcast.audio;

import java.util.Arrays;

/**
 * The energy of a K-weighted signal per 100 ms slice (the sum of its squared samples), from which
 * the gated measures are computed: a 400 ms block with 75% overlap is 4 consecutive slices, a 3 s
 * short-term window 30. Eight bytes per 100 ms (288 KB per audio hour) instead of the samples.
 */
final class Slices {

    static final double ABSOLUTE_GATE_LUFS = -70;
    static final double RELATIVE_GATE_LU = -10;
    static final double RANGE_RELATIVE_GATE_LU = -20;
    static final int SLICES_PER_BLOCK = 4;
    static final int SLICES_PER_SHORT_TERM = 30;

    private final int samplesPerSlice;
    private double[] energy = new double[1024];
    private int count;

    Slices(int samplesPerSlice) {
        this.samplesPerSlice = samplesPerSlice;
    }

    void add(double sumOfSquares) {
        if (count == energy.length) {
            energy = Arrays.copyOf(energy, count * 2);
        }
        energy[count++] = sumOfSquares;
    }

    /** These slices with every energy scaled by {@code power} and {@code other}'s added, slice by slice. */
    void addScaled(Slices other, double power) {
        while (count < other.count) {
            add(0);
        }
        for (int i = 0; i < other.count; i++) {
            energy[i] += other.energy[i] * power;
        }
    }

    /** BS.1770-4 integrated loudness in LUFS; negative infinity when no block passes the absolute gate. */
    double integrated() {
        double[] blocks = meanSquares(SLICES_PER_BLOCK);
        double gated = gatedMean(blocks, ABSOLUTE_GATE_LUFS);
        if (Double.isNaN(gated)) {
            return Double.NEGATIVE_INFINITY;
        }
        return loudness(gatedMean(blocks, loudness(gated) + RELATIVE_GATE_LU));
    }

    /**
     * EBU Tech 3342 loudness range in LU: short-term loudness every 100 ms, gated at -70 LUFS and 20 LU
     * below the power mean of what passed, then the 95th minus the 10th percentile (nearest rank, as
     * ffmpeg's ebur128 counts them).
     */
    double range() {
        double[] windows = meanSquares(SLICES_PER_SHORT_TERM);
        double gated = gatedMean(windows, ABSOLUTE_GATE_LUFS);
        if (Double.isNaN(gated)) {
            return 0;
        }
        double gate = Math.max(ABSOLUTE_GATE_LUFS, loudness(gated) + RANGE_RELATIVE_GATE_LU);
        double[] kept = Arrays.stream(windows)
                .map(Slices::loudness)
                .filter(l -> l > gate)
                .sorted()
                .toArray();
        if (kept.length == 0) {
            return 0;
        }
        int low = Math.max(1, (int) (0.10 * kept.length + 0.5));
        int high = Math.max(1, (int) (0.95 * kept.length + 0.5));
        return kept[high - 1] - kept[low - 1];
    }

    /** Mean squares of every complete window of {@code width} slices, one per slice (100 ms apart). */
    private double[] meanSquares(int width) {
        if (count < width) {
            return new double[0];
        }
        double[] windows = new double[count - width + 1];
        for (int start = 0; start < windows.length; start++) {
            double sum = 0;
            for (int i = start; i < start + width; i++) {
                sum += energy[i];
            }
            windows[start] = sum / ((double) width * samplesPerSlice);
        }
        return windows;
    }

    /** The mean of the mean squares whose loudness is above {@code gateLufs}; NaN when none is. */
    private static double gatedMean(double[] meanSquares, double gateLufs) {
        double sum = 0;
        int n = 0;
        for (double z : meanSquares) {
            if (loudness(z) > gateLufs) {
                sum += z;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    static double loudness(double meanSquare) {
        return -0.691 + 10 * Math.log10(meanSquare);
    }
}
