package dev.nightcast.simulator;

/**
 * Token accounting as the service bills it (protocol reference §5): assistant audio is one token
 * per 50 ms, the transcript about 1.3 text tokens per word.
 */
final class TokenMath {

    static final int PCM_BYTES_PER_AUDIO_TOKEN = 2_400; // 50 ms at 48,000 bytes/s
    private static final double TOKENS_PER_WORD = 1.3;
    private static final int MESSAGE_OVERHEAD = 8; // role, <script> tags, item framing

    private TokenMath() {}

    static long audioTokens(long pcmBytes) {
        return (pcmBytes + PCM_BYTES_PER_AUDIO_TOKEN - 1) / PCM_BYTES_PER_AUDIO_TOKEN;
    }

    static long textTokens(int words) {
        return (long) Math.ceil(words * TOKENS_PER_WORD);
    }

    static long inputTokens(int scriptWords, int instructionWords) {
        return textTokens(scriptWords + instructionWords) + MESSAGE_OVERHEAD;
    }

    static int words(String text) {
        String t = text == null ? "" : text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }
}
