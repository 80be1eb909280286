package dev.nightcast.realtime.protocol;

import java.nio.ByteBuffer;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.nightcast.realtime.RateLimit;
import dev.nightcast.realtime.TokenUsage;

/** The server events the client acts on, decoded by {@link EventDecoder}. */
public sealed interface ServerEvent {

    /**
     * {@code session.created}: the socket is ready.
     *
     * @param expiresAt {@code expires_at} in epoch seconds, or 0 when absent
     * @param model {@code session.model}: the model snapshot that serves the session (on Azure the
     *     deployment name is in the URL, and this says which model is behind it), or null when absent
     */
    record SessionCreated(
            @Nullable String sessionId,
            @Nullable String voice,
            long expiresAt,
            @Nullable String model) implements ServerEvent {

        public SessionCreated(@Nullable String sessionId, @Nullable String voice, long expiresAt) {
            this(sessionId, voice, expiresAt, null);
        }
    }

    /**
     * {@code session.updated}: the effective configuration after our {@code session.update}.
     *
     * @param gaShape whether the session has the GA shape (nested {@code audio}); the beta shape is flat
     */
    record SessionUpdated(@Nullable String voice, @Nullable String formatType, int formatRate, boolean gaShape)
            implements ServerEvent {}

    /**
     * {@code response.created}.
     *
     * @param maxOutputTokens the response's output token cap, or 0 when not a number ({@code "inf"}, absent)
     */
    record ResponseCreated(@Nullable String responseId, int maxOutputTokens) implements ServerEvent {}

    /**
     * {@code response.output_audio.delta} (beta: {@code response.audio.delta}), already decoded.
     * {@code pcm} holds whole 16-bit samples and is only valid until the next decode.
     */
    record AudioDelta(ByteBuffer pcm) implements ServerEvent {}

    /** {@code response.output_audio_transcript.delta} (beta: {@code response.audio_transcript.delta}). */
    record TranscriptDelta(String text) implements ServerEvent {}

    /** {@code response.output_audio_transcript.done} (beta: {@code response.audio_transcript.done}). */
    record TranscriptDone(@Nullable String transcript) implements ServerEvent {}

    /**
     * {@code response.done}, always the last event of a response.
     *
     * @param status {@code completed}, {@code incomplete}, {@code failed} or {@code cancelled}
     * @param reason {@code status_details.reason}, or null
     * @param error {@code status_details.error}, or null
     * @param model {@code response.model} when the server names the snapshot there, else null (the GA
     *     service names it in {@code session.created} only)
     */
    record ResponseDone(
            @Nullable String responseId,
            @Nullable String status,
            @Nullable String reason,
            @Nullable ErrorInfo error,
            TokenUsage usage,
            @Nullable String model)
            implements ServerEvent {

        public ResponseDone(
                @Nullable String responseId,
                @Nullable String status,
                @Nullable String reason,
                @Nullable ErrorInfo error,
                TokenUsage usage) {
            this(responseId, status, reason, error, usage, null);
        }
    }

    /** {@code rate_limits.updated}: the quotas as the server counts them, sent around {@code response.created}. */
    record RateLimitsUpdated(List<RateLimit> limits) implements ServerEvent {}

    /** {@code error}. */
    record Error(ErrorInfo error) implements ServerEvent {}

    /** Anything else; tolerated and ignored. */
    record Ignored(String type) implements ServerEvent {}

    /**
     * The server's error description ({@code error} event or {@code status_details.error}); any
     * field may be null.
     *
     * @param eventId the client event that caused it, if the server says so
     */
    record ErrorInfo(
            @Nullable String type,
            @Nullable String code,
            @Nullable String message,
            @Nullable String eventId) {

        @Override
        public String toString() {
            String what = code != null ? code : type != null ? type : "error";
            return message != null ? what + ": " + message : what;
        }
    }
}
