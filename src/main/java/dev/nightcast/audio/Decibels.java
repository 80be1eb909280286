package dev.nightcast.audio;

/** Conversions between decibels and linear amplitude. */
final class Decibels {

    private Decibels() {}

    static double toLinear(double decibels) {
        return Math.pow(10, decibels / 20);
    }

    /** Negative infinity for 0. */
    static double fromLinear(double amplitude) {
        return 20 * Math.log10(amplitude);
    }
}
