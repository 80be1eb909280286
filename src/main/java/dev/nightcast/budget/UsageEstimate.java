package dev.nightcast.budget;

import java.util.List;

import dev.nightcast.narration.NarratorInstructions;
import dev.nightcast.realtime.TokenUsage;
import dev.nightcast.script.EpisodeScript;
import dev.nightcast.text.Segmenter;

/**
 * What narrating a script will probably use, before anything is sent: for {@code check} and for the
 * {@code max-cost} budget, never for reporting spend (that uses the usage the gateway reports).
 *
 * <p>The rates are the protocol reference's (§5): speech at about 150 words a minute, assistant
 * audio at 20 tokens a second, about 1.3 text tokens a word for the transcript and the script; each
 * segment sends the narrator instructions again.
 */
public final class UsageEstimate {

    static final int WORDS_PER_MINUTE = 150;
    private static final int AUDIO_TOKENS_PER_SECOND = 20;
    private static final double TEXT_TOKENS_PER_WORD = 1.3;
    private static final int MESSAGE_OVERHEAD_TOKENS = 8;

    private final Segmenter segmenter;

    /** @param maxSegmentWords the narration's segment size ({@code nightcast.narration.max-segment-words}) */
    public UsageEstimate(int maxSegmentWords) {
        this.segmenter = new Segmenter(maxSegmentWords);
    }

    /** An episode's expected audio and tokens. */
    public record Estimate(long words, int segments, long audioMillis, TokenUsage tokens) {}

    public Estimate of(EpisodeScript script) {
        return estimate(
                words(script.text()), Math.max(1, segmenter.split(script.text()).size()), script.instructions());
    }

    /**
     * Of some segments of an episode only, those a narration would read again (the rest are kept):
     * each sent with the episode's instructions.
     */
    public Estimate ofSegments(EpisodeScript script, List<String> segmentTexts) {
        return estimate(
                segmentTexts.stream().mapToLong(UsageEstimate::words).sum(),
                segmentTexts.size(),
                script.instructions());
    }

    private static Estimate estimate(long words, int segments, String instructions) {
        long instructionWords = words(NarratorInstructions.forEpisode(instructions));
        long audioMillis = words * 60_000 / WORDS_PER_MINUTE;
        long inputText = textTokens(words + segments * instructionWords) + (long) segments * MESSAGE_OVERHEAD_TOKENS;
        long outputText = textTokens(words);
        long outputAudio = audioMillis * AUDIO_TOKENS_PER_SECOND / 1000;
        TokenUsage tokens = new TokenUsage(inputText, outputText + outputAudio, inputText, 0, outputText, outputAudio);
        return new Estimate(words, segments, audioMillis, tokens);
    }

    private static long textTokens(long words) {
        return (long) Math.ceil(words * TEXT_TOKENS_PER_WORD);
    }

    static long words(String text) {
        String t = text == null ? "" : text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }
}
