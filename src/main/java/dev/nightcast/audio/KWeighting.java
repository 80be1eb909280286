package dev.nightcast.audio;

/**
 * The K-weighting of ITU-R BS.1770-4 for one mono signal: the head's high shelf, then the RLB
 * high-pass. BS.1770 tabulates the biquads for 48 kHz only; here they are derived for the actual
 * sample rate from their analog prototypes (shelf: +4 dB above 1682 Hz, Q 0.7072; high-pass: 38.1 Hz,
 * Q 0.5003) by the bilinear transform with the frequency prewarped, which reproduces the 48 kHz table
 * (the derivation of libebur128). Applying the 48 kHz table at 24 kHz would put both corners an
 * octave too low. Stateful: one instance per signal.
 */
final class KWeighting {

    /** {@code y = b0 x + b1 x1 + b2 x2 - a1 y1 - a2 y2} (a0 normalised to 1). */
    record Biquad(double b0, double b1, double b2, double a1, double a2) {}

    /** Below this a filter state is set to zero: denormal arithmetic is slow, and long silences reach it. */
    private static final double DENORMAL_GUARD = 1e-25;

    private final Biquad shelf;
    private final Biquad highPass;
    private double x1;
    private double x2;
    private double m1;
    private double m2;
    private double y1;
    private double y2;

    KWeighting(int sampleRate) {
        this.shelf = headShelf(sampleRate);
        this.highPass = highPass(sampleRate);
    }

    static Biquad headShelf(int sampleRate) {
        double f0 = 1681.974450955533;
        double gainDb = 3.999843853973347;
        double q = 0.7071752369554196;
        double k = Math.tan(Math.PI * f0 / sampleRate);
        double vh = Math.pow(10, gainDb / 20);
        double vb = Math.pow(vh, 0.4996667741545416);
        double a0 = 1 + k / q + k * k;
        return new Biquad(
                (vh + vb * k / q + k * k) / a0,
                2 * (k * k - vh) / a0,
                (vh - vb * k / q + k * k) / a0,
                2 * (k * k - 1) / a0,
                (1 - k / q + k * k) / a0);
    }

    /** The numerator stays 1, -2, 1 as BS.1770 prints it (its pass-band gain is folded into the -0.691 offset). */
    static Biquad highPass(int sampleRate) {
        double f0 = 38.13547087602444;
        double q = 0.5003270373238773;
        double k = Math.tan(Math.PI * f0 / sampleRate);
        double a0 = 1 + k / q + k * k;
        return new Biquad(1, -2, 1, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0);
    }

    /**
     * Filters {@code samples[from..to)} and returns the sum of the squared outputs: the energy a
     * loudness block integrates.
     */
    double sumOfSquares(double[] samples, int from, int to) {
        Biquad s = shelf;
        Biquad h = highPass;
        double sx1 = x1;
        double sx2 = x2;
        double sm1 = m1;
        double sm2 = m2;
        double sy1 = y1;
        double sy2 = y2;
        double sum = 0;
        for (int i = from; i < to; i++) {
            double x = samples[i];
            double m = s.b0 * x + s.b1 * sx1 + s.b2 * sx2 - s.a1 * sm1 - s.a2 * sm2;
            double y = h.b0 * m + h.b1 * sm1 + h.b2 * sm2 - h.a1 * sy1 - h.a2 * sy2;
            sx2 = sx1;
            sx1 = x;
            sm2 = sm1;
            sm1 = m;
            sy2 = sy1;
            sy1 = y;
            sum += y * y;
        }
        x1 = sx1;
        x2 = sx2;
        m1 = flushed(sm1);
        m2 = flushed(sm2);
        y1 = flushed(sy1);
        y2 = flushed(sy2);
        return sum;
    }

    private static double flushed(double state) {
        return Math.abs(state) < DENORMAL_GUARD ? 0 : state;
    }
}
