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
 */
public record SegmentResult(@Nullable String responseId, String transcript, long audioBytes, TokenUsage usage,
        Duration latency, List<TranscriptMark> marks) {

    public SegmentResult {
        marks = List.copyOf(marks);
    }
}
