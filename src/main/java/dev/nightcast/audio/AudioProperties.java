package dev.nightcast.audio;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a published episode sounds ({@code nightcast.audio.*}). Every setting here changes the WAV, so
 * each is part of the episode's fingerprint through {@link #mastering()}; settings that only change a
 * rendition (the MP3) belong elsewhere.
 *
 * @param loudness the level every episode is normalised to
 */
@ConfigurationProperties("nightcast.audio")
public record AudioProperties(@DefaultValue LoudnessTarget loudness) {

    public AudioProperties {
        loudness = loudness != null
                ? loudness
                : new LoudnessTarget(LoudnessTarget.DEFAULT_TARGET, LoudnessTarget.DEFAULT_TRUE_PEAK);
    }

    /** The settings with their defaults. */
    public static AudioProperties defaults() {
        return new AudioProperties(new LoudnessTarget(LoudnessTarget.DEFAULT_TARGET, LoudnessTarget.DEFAULT_TRUE_PEAK));
    }

    /** What the published master is made to. */
    public Mastering mastering() {
        return new Mastering(PcmFormat.SAMPLE_RATE, loudness.target(), loudness.truePeak());
    }

    /**
     * Loudness normalisation ({@code nightcast.audio.loudness.*}), measured as ITU-R BS.1770-4 / EBU
     * R128 integrated loudness over the whole episode.
     *
     * @param target integrated loudness of every episode in LUFS: -16 is what Apple recommends for
     *     podcasts, -19 is common for mono speech, -23 is EBU R128 broadcast
     * @param truePeak ceiling in dBTP for the 4x (here 8x) oversampled peak; a limiter holds the peaks
     *     under it where the gain would push them above. -1 leaves room for the MP3 encoder's overshoot
     */
    public record LoudnessTarget(
            @DefaultValue("-16") double target,
            @DefaultValue("-1") double truePeak) {

        static final double DEFAULT_TARGET = -16;
        static final double DEFAULT_TRUE_PEAK = -1;

        public LoudnessTarget {
            if (!(target >= -40 && target <= -5)) {
                throw new IllegalArgumentException(
                        "nightcast.audio.loudness.target must be from -40 to -5 LUFS, was " + target);
            }
            if (!(truePeak >= -12 && truePeak <= 0)) {
                throw new IllegalArgumentException(
                        "nightcast.audio.loudness.true-peak must be from -12 to 0 dBTP, was " + truePeak);
            }
        }
    }
}
