package dev.nightcast.narration;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.nightcast.assembly.Chapter;
import dev.nightcast.assembly.SubtitleCue;
import dev.nightcast.audio.Loudness;
import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.TokenUsage;
import dev.nightcast.script.EpisodeScript;
import dev.nightcast.script.InvalidScript;

/** What narrating one input entry produced; the writer publishes or records it. */
public sealed interface EpisodeOutcome {

    String episodeId();

    /**
     * The audio is complete in a temporary WAV, not yet published.
     *
     * @param temporaryWav a finished WAV (header patched) under a temporary name in the output folder
     * @param transcript the transcript; each dialogue turn starts with its speaker label
     * @param attempts gateway attempts spent in this run, successful ones included
     * @param cues caption cues, timed by where their words sit in the WAV
     * @param chapters one per section of the script, at least one
     * @param wordErrorRate word errors of the transcript per word of the script, all segments together
     * @param worstSegmentErrorRate the highest word error rate of one segment
     * @param resumedSegments segments kept from an earlier run rather than narrated again
     * @param loudness of the WAV as written, or null when not measured
     * @param modelSnapshot the model snapshots that spoke it in this run ({@code session.created}), or null
     */
    record Narrated(
            EpisodeScript script,
            String fingerprint,
            String model,
            Path temporaryWav,
            String transcript,
            long audioBytes,
            int segments,
            TokenUsage usage,
            int attempts,
            Instant startedAt,
            Instant finishedAt,
            List<SubtitleCue> cues,
            List<Chapter> chapters,
            double wordErrorRate,
            double worstSegmentErrorRate,
            int resumedSegments,
            @Nullable Loudness loudness,
            @Nullable String modelSnapshot)
            implements EpisodeOutcome {

        public Narrated(
                EpisodeScript script,
                String fingerprint,
                String model,
                Path temporaryWav,
                String transcript,
                long audioBytes,
                int segments,
                TokenUsage usage,
                int attempts,
                Instant startedAt,
                Instant finishedAt,
                List<SubtitleCue> cues,
                List<Chapter> chapters,
                double wordErrorRate,
                double worstSegmentErrorRate,
                int resumedSegments,
                @Nullable Loudness loudness) {
            this(
                    script,
                    fingerprint,
                    model,
                    temporaryWav,
                    transcript,
                    audioBytes,
                    segments,
                    usage,
                    attempts,
                    startedAt,
                    finishedAt,
                    cues,
                    chapters,
                    wordErrorRate,
                    worstSegmentErrorRate,
                    resumedSegments,
                    loudness,
                    null);
        }

        public Narrated {
            cues = List.copyOf(cues);
            chapters = List.copyOf(chapters);
        }

        /** Without subtitles, chapters, fidelity or loudness measures. */
        public Narrated(
                EpisodeScript script,
                String fingerprint,
                String model,
                Path temporaryWav,
                String transcript,
                long audioBytes,
                int segments,
                TokenUsage usage,
                int attempts,
                Instant startedAt,
                Instant finishedAt) {
            this(
                    script,
                    fingerprint,
                    model,
                    temporaryWav,
                    transcript,
                    audioBytes,
                    segments,
                    usage,
                    attempts,
                    startedAt,
                    finishedAt,
                    List.of(),
                    List.of(),
                    0,
                    0,
                    0,
                    null);
        }

        @Override
        public String episodeId() {
            return script.id();
        }
    }

    /**
     * Narration was tried and gave up; nothing was published. Finished segments stay kept for the
     * next attempt.
     *
     * @param code e.g. {@code fidelity} when a segment was never read faithfully
     * @param wordErrorRate the measured rate of the segment that failed the fidelity check, else null
     */
    record Failed(
            EpisodeScript script,
            String fingerprint,
            String model,
            FailureKind kind,
            String code,
            @Nullable String reason,
            int attempts,
            TokenUsage usage,
            Instant startedAt,
            Instant finishedAt,
            @Nullable Double wordErrorRate)
            implements EpisodeOutcome {

        public Failed(
                EpisodeScript script,
                String fingerprint,
                String model,
                FailureKind kind,
                String code,
                @Nullable String reason,
                int attempts,
                TokenUsage usage,
                Instant startedAt,
                Instant finishedAt) {
            this(script, fingerprint, model, kind, code, reason, attempts, usage, startedAt, finishedAt, null);
        }

        @Override
        public String episodeId() {
            return script.id();
        }
    }

    /** The input entry could not become an episode; the gateway was never called. */
    record Rejected(InvalidScript invalid) implements EpisodeOutcome {

        @Override
        public String episodeId() {
            return invalid.id();
        }
    }
}
