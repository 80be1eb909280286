package dev.nightcast.realtime;

/** Token counts reported by {@code response.done.response.usage}; all zero when absent. */
public record TokenUsage(
        long inputTokens,
        long outputTokens,
        long inputTextTokens,
        long inputAudioTokens,
        long outputTextTokens,
        long outputAudioTokens) {

    public static final TokenUsage ZERO = new TokenUsage(0, 0, 0, 0, 0, 0);

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(
                inputTokens + other.inputTokens,
                outputTokens + other.outputTokens,
                inputTextTokens + other.inputTextTokens,
                inputAudioTokens + other.inputAudioTokens,
                outputTextTokens + other.outputTextTokens,
                outputAudioTokens + other.outputAudioTokens);
    }
}
