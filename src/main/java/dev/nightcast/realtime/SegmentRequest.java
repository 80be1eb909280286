package dev.nightcast.realtime;

/**
 * One segment to narrate.
 *
 * @param episodeId for correlation ({@code metadata}, event ids, log lines)
 * @param segmentIndex 0-based index of the segment within the episode (messages count from 1)
 * @param attempt 1-based attempt number
 * @param text the speakable text of the segment, sent inside a {@link ScriptFrame}
 * @param instructions per-response instructions (replace the session's for this response); the
 *     frame's delimiters are named in them as {@code <script>} and {@code </script>}
 */
public record SegmentRequest(String episodeId, int segmentIndex, int attempt, String text, String instructions) {}
