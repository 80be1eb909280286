package dev.nightcast.realtime;

import java.time.Duration;

/**
 * A completed response.
 *
 * @param responseId the server's {@code resp_…} id
 * @param transcript the full transcript ({@code response.output_audio_transcript.done}, or the
 *     concatenated deltas when the done event was missing)
 * @param audioBytes PCM bytes handed to the sink
 * @param usage token usage from {@code response.done}
 * @param latency time from {@code response.create} to {@code response.done}
 */
public record SegmentResult(String responseId, String transcript, long audioBytes, TokenUsage usage, Duration latency) {
}
