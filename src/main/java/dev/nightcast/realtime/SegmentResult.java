package dev.nightcast.realtime;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A completed response.
 *
 * @param responseId the server's {@code resp_…} id
 * @param transcript the full transcript ({@code response.output_audio_transcript.done}, or the
 *     concatenated deltas when the done event was missing)
 * @param audioBytes PCM bytes handed to the sink
 * @param usage token usage from {@code response.done}
 * @param latency time from {@code response.create} to {@code response.done}
 * @param marks one per transcript delta, in order: where in the audio it arrived; their characters
 *     index the deltas joined, which is the transcript unless the done event said otherwise
 * @param modelSnapshot the model snapshot {@code response.done} named, or null when it named none
 */
public record SegmentResult(
        @Nullable String responseId,
        String transcript,
        long audioBytes,
        TokenUsage usage,
        Duration latency,
        List<TranscriptMark> marks,
        @Nullable String modelSnapshot) {

    public SegmentResult(
            @Nullable String responseId,
            String transcript,
            long audioBytes,
            TokenUsage usage,
            Duration latency,
            List<TranscriptMark> marks) {
        this(responseId, transcript, audioBytes, usage, latency, marks, null);
    }

    public SegmentResult {
        marks = List.copyOf(marks);
    }
}
