package dev.nightcast.narration;

import java.nio.file.Path;
import java.time.Instant;

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
     * @param attempts gateway attempts spent, successful ones included
     */
    record Narrated(EpisodeScript script, String fingerprint, String model, Path temporaryWav, String transcript,
            long audioBytes, int segments, TokenUsage usage, int attempts, Instant startedAt, Instant finishedAt)
            implements EpisodeOutcome {

        @Override
        public String episodeId() {
            return script.id();
        }
    }

    /** Narration was tried and gave up; nothing was published. */
    record Failed(EpisodeScript script, String fingerprint, String model, FailureKind kind, String code, String reason,
            int attempts, TokenUsage usage, Instant startedAt, Instant finishedAt) implements EpisodeOutcome {

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
