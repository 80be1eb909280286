package dev.nightcast.realtime.websocket;

import java.util.Locale;

/**
 * How much of its output token cap a response's audio used, to tell a response cut because its
 * text was too long for one response (split it) from one that ended "incomplete" at the cap for no
 * visible reason (try it again).
 *
 * <p>Assistant audio costs one token per 50 ms, 2,400 bytes of 24 kHz PCM16 (protocol reference §5);
 * the transcript's text tokens come on top, about a quarter of a response's output tokens. So a
 * response that really reached its cap brought audio worth about three quarters of it; the speed
 * setting may shorten the audio after it was generated (and counted), hence the factor. Below
 * {@value #NEAR_FRACTION} of the cap it is not near: the longest planned segment, 250 words, is
 * about 100 s of speech, 2,000 tokens of a 4,096 cap.
 *
 * @param audioBytes PCM bytes received
 * @param capTokens the cap the response ran under: the server's {@code max_output_tokens} in
 *     {@code response.created}, else what was asked for
 * @param speed {@code audio.output.speed} of the session
 */
record OutputCapUse(long audioBytes, int capTokens, double speed) {

    static final int PCM_BYTES_PER_AUDIO_TOKEN = 2_400;
    static final double NEAR_FRACTION = 0.6;

    /** Audio tokens the received audio stands for, before any speed-up. */
    double audioTokens() {
        return audioBytes / (double) PCM_BYTES_PER_AUDIO_TOKEN * Math.max(1.0, speed);
    }

    boolean nearTheCap() {
        return audioTokens() >= NEAR_FRACTION * capTokens;
    }

    /** E.g. {@code "4.2 s of audio (about 84 of the 4096-token cap)"}. */
    String describe() {
        return String.format(
                Locale.ROOT,
                "%.1f s of audio (about %.0f of the %d-token cap)",
                audioBytes / (double) (PCM_BYTES_PER_AUDIO_TOKEN * 20),
                audioTokens(),
                capTokens);
    }
}
