package dev.nightcast.podcast;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The MP3 renditions ({@code nightcast.podcast.mp3.*}, e.g. {@code NIGHTCAST_PODCAST_MP3_BITRATE}).
 * Changing one re-encodes the MP3s at the end of the next run (or by {@code report}); nothing is
 * narrated again.
 *
 * @param bitrate constant bit rate in kbit/s, default 64 (plenty for one voice): an MPEG-1 Layer III
 *     rate, 32–320
 * @param sampleRate 48000 (the default) or 44100, both what Apple asks for; the 24 kHz narration is
 *     resampled to it. At 48 kHz the encoder's delay and padding (which ffprobe counts into the
 *     duration, unlike players that read the LAME tag) stay under 48 ms, at 44.1 kHz they reach
 *     52 ms; resampling by 2 is also the cheaper one
 * @param coverArt a JPEG or PNG image (at most 2 MB) put into every MP3 as its front cover, or none
 */
@ConfigurationProperties("nightcast.podcast.mp3")
public record Mp3Properties(
        Integer bitrate, Integer sampleRate, @Nullable Path coverArt) {

    static final Set<Integer> BITRATES = Set.of(32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320);
    static final Set<Integer> SAMPLE_RATES = Set.of(44_100, 48_000);

    /** A missing ({@code null}) value is its default. */
    public Mp3Properties(@Nullable Integer bitrate, @Nullable Integer sampleRate, @Nullable Path coverArt) {
        this.bitrate = bitrate == null ? 64 : bitrate;
        this.sampleRate = sampleRate == null ? 48_000 : sampleRate;
        this.coverArt = coverArt;
        if (!BITRATES.contains(this.bitrate)) {
            throw new IllegalArgumentException("nightcast.podcast.mp3.bitrate must be an MP3 bit rate in kbit/s"
                    + " (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256 or 320); was " + this.bitrate);
        }
        if (!SAMPLE_RATES.contains(this.sampleRate)) {
            throw new IllegalArgumentException(
                    "nightcast.podcast.mp3.sample-rate must be 48000 or 44100; was " + this.sampleRate);
        }
        if (coverArt != null) {
            try {
                CoverArt.read(coverArt);
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "nightcast.podcast.mp3.cover-art must name a readable JPEG or PNG" + " image of at most 2 MB: "
                                + e.getMessage(),
                        e);
            }
        }
    }

    /** Nothing configured: every default. */
    public static Mp3Properties defaults() {
        return new Mp3Properties(null, null, null);
    }

    /** The cover art, read now, or null when none is configured. */
    @Nullable
    CoverArt cover() {
        if (coverArt == null) {
            return null;
        }
        try {
            return CoverArt.read(coverArt);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the cover art " + coverArt, e);
        }
    }
}
