package dev.nightcast.audio;

/**
 * The gains that level the tracks of a signal to one another and bring the whole to a target
 * loudness: each track (a voice) is brought to the target on its own, then the whole, as it sounds
 * after those gains, is brought to the target. So the voices of a dialogue end up equally loud,
 * and the episode at the target.
 */
public final class Levelling {

    private Levelling() {}

    /**
     * Linear gain per track of {@code measured}. A silent track keeps gain 1 before the whole's gain;
     * a silent whole keeps gain 1.
     */
    public static double[] gains(LoudnessMeter measured, double targetLufs) {
        double[] gains = new double[measured.tracks()];
        for (int track = 0; track < gains.length; track++) {
            double loudness = measured.integrated(track);
            gains[track] = Double.isFinite(loudness) ? Decibels.toLinear(targetLufs - loudness) : 1;
        }
        double whole = measured.integrated(gains);
        double overall = Double.isFinite(whole) ? Decibels.toLinear(targetLufs - whole) : 1;
        for (int track = 0; track < gains.length; track++) {
            gains[track] *= overall;
        }
        return gains;
    }
}
