package dev.nightcast.audio;

/**
 * What a published episode's audio is made to: its sample rate, its integrated loudness and the
 * ceiling of its true peak. A change to any of them changes the audio, hence the fingerprint.
 *
 * @param sampleRate of the master WAV, in Hz
 * @param targetLufs integrated loudness (ITU-R BS.1770-4, gated) the episode is normalised to
 * @param truePeakDbtp the oversampled peak never exceeds this, in dB relative to full scale
 */
public record Mastering(int sampleRate, double targetLufs, double truePeakDbtp) {

    public Mastering {
        if (sampleRate < 8_000) {
            throw new IllegalArgumentException("sample rate too low for speech: " + sampleRate);
        }
    }

    /** The ceiling as a linear amplitude (1.0 = full scale). */
    double ceiling() {
        return Decibels.toLinear(truePeakDbtp);
    }
}
