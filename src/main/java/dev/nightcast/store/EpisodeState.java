package dev.nightcast.store;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.nightcast.audio.Loudness;
import dev.nightcast.realtime.TokenUsage;

/**
 * An episode's latest state as its row records it: what the review page and the feed show.
 *
 * @param wavPath where its latest published audio is, or {@code null} (never narrated successfully)
 * @param durationMillis that audio's length
 * @param failureReason why the latest attempt failed, or {@code null}
 * @param finishedAt when the latest attempt ended, or {@code null}
 * @param loudness of the published audio, or {@code null} (none, or published before it was measured)
 * @param model the model of the latest attempt, or {@code null}
 * @param usage the tokens the published audio took (a later failure does not change them)
 */
public record EpisodeState(
        String episodeId,
        EpisodeStatus status,
        @Nullable String title,
        @Nullable String wavPath,
        @Nullable String transcript,
        long durationMillis,
        @Nullable String failureReason,
        @Nullable Instant finishedAt,
        @Nullable String wavSha256,
        @Nullable Loudness loudness,
        @Nullable String model,
        TokenUsage usage) {

    /** Without model and usage. */
    public EpisodeState(
            String episodeId,
            EpisodeStatus status,
            @Nullable String title,
            @Nullable String wavPath,
            @Nullable String transcript,
            long durationMillis,
            @Nullable String failureReason,
            @Nullable Instant finishedAt,
            @Nullable String wavSha256,
            @Nullable Loudness loudness) {
        this(
                episodeId,
                status,
                title,
                wavPath,
                transcript,
                durationMillis,
                failureReason,
                finishedAt,
                wavSha256,
                loudness,
                null,
                TokenUsage.ZERO);
    }
}
