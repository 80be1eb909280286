package dev.nightcast.narration;

import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.TokenUsage;

/** An episode could not be narrated; the message is the reason an operator reads. */
final class EpisodeNarrationException extends Exception {

    private final FailureKind kind;
    private final String code;
    private final int attempts;
    private final TokenUsage usage;

    EpisodeNarrationException(FailureKind kind, String code, String message, int attempts, TokenUsage usage,
            Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
        this.attempts = attempts;
        this.usage = usage;
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
}
