package dev.nightcast.audio;

/**
 * Loudness of a signal as EBU R128 reports it. Values are {@link Double#NEGATIVE_INFINITY} for a
 * signal that has no block above the absolute gate (silence), and a range of 0 when it is too short
 * for short-term loudness.
 *
 * @param integratedLufs integrated loudness (ITU-R BS.1770-4: K-weighted, 400 ms blocks with 75%
 *     overlap, absolute gate -70 LUFS, relative gate -10 LU)
 * @param truePeakDbtp the highest magnitude of the oversampled signal, in dBTP
 * @param rangeLu loudness range (EBU Tech 3342): the 10th to 95th percentile of the gated 3 s
 *     short-term loudness
 */
public record Loudness(double integratedLufs, double truePeakDbtp, double rangeLu) {

    /** True when the signal held something above the absolute gate. */
    public boolean isMeasured() {
        return Double.isFinite(integratedLufs);
    }
}
