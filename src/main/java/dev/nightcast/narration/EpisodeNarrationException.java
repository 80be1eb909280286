package dev.nightcast.narration;

import org.jspecify.annotations.Nullable;

import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.TokenUsage;

/** An episode could not be narrated; the message is the reason an operator reads. */
final class EpisodeNarrationException extends Exception {

    private final FailureKind kind;
    private final String code;
    private final int attempts;
    private final TokenUsage usage;
    private final @Nullable Double wordErrorRate;

    /** @param wordErrorRate the measured rate when the fidelity check failed the episode, else null */
    EpisodeNarrationException(
            FailureKind kind,
            String code,
            @Nullable String message,
            int attempts,
            TokenUsage usage,
            @Nullable Double wordErrorRate,
            @Nullable Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
        this.attempts = attempts;
        this.usage = usage;
        this.wordErrorRate = wordErrorRate;
    }

    /**
     * The same failure with the episode's final tallies: other threads may have gone on narrating
     * its segments after this one failed.
     */
    EpisodeNarrationException withTotals(int totalAttempts, TokenUsage totalUsage) {
        EpisodeNarrationException total = new EpisodeNarrationException(
                kind, code, getMessage(), totalAttempts, totalUsage, wordErrorRate, getCause());
        total.setStackTrace(getStackTrace());
        return total;
    }

    FailureKind kind() {
        return kind;
    }

    String code() {
        return code;
    }

    int attempts() {
        return attempts;
    }

    TokenUsage usage() {
        return usage;
    }

    @Nullable
    Double wordErrorRate() {
        return wordErrorRate;
    }
}
