package dev.nightcast.narration;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.failsafe.RetryPolicy;
import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.TokenUsage;
import dev.nightcast.script.EpisodeScript;

/**
 * The state of one episode's narration: its sessions and checkpoints, the retry policy of this run,
 * the back-off chosen after the last failed attempt, and what was spent. Not thread-safe; lives for
 * one {@link EpisodeNarrator#narrate} call.
 */
final class EpisodeRun implements AutoCloseable {

    private final EpisodeScript script;
    private final int segments;
    private final SegmentCheckpoints checkpoints;
    private final VoiceSessions sessions;
    private final int maxAttempts;
    private final RetryPolicy<Object> retryPolicy;
    private Duration backoffDelay = Duration.ZERO;
    private final Map<String, Integer> attemptsBySegment = new HashMap<>();
    private final Map<String, Integer> throttledBySegment = new HashMap<>();
    private int attempts;
    private int resumed;
    private TokenUsage usage = TokenUsage.ZERO;

    EpisodeRun(EpisodeScript script, int segments, SegmentCheckpoints checkpoints, VoiceSessions sessions,
            int maxAttempts) {
        this.script = script;
        this.segments = segments;
        this.checkpoints = checkpoints;
        this.sessions = sessions;
        this.maxAttempts = maxAttempts;
        // Failsafe decides what is retried and how often. The back-off is waited in the outage
        // breaker instead (see SegmentNarrator), so that an outage cuts every worker's wait short.
        this.retryPolicy = RetryPolicy.builder()
                .handleIf(failure -> failure instanceof RealtimeException e && e.isTransient())
                .withMaxAttempts(maxAttempts)
                .build();
    }

    EpisodeScript script() {
        return script;
    }

    SegmentCheckpoints checkpoints() {
        return checkpoints;
    }

    VoiceSessions sessions() {
        return sessions;
    }

    RetryPolicy<Object> retryPolicy() {
        return retryPolicy;
    }

    int maxAttempts() {
        return maxAttempts;
    }

    /** The back-off to wait before the next attempt of the current segment. */
    Duration backoffDelay() {
        return backoffDelay;
    }

    void backoffDelay(Duration delay) {
        backoffDelay = delay;
    }

    /** Counts a gateway call (an attempt, or a throttled call); returns its 1-based number within the segment. */
    int nextAttempt(PlannedSegment segment) {
        attempts++;
        return attemptsBySegment.merge(segment.key(), 1, Integer::sum);
    }

    /** The segment's last call was throttled: it does not count against {@code max-attempts}. */
    void throttled(PlannedSegment segment) {
        throttledBySegment.merge(segment.key(), 1, Integer::sum);
    }

    /** A finished segment: new, or kept from an earlier run. */
    void finished(SegmentCheckpoints.Take take, boolean fromEarlierRun) {
        usage = usage.plus(take.usage());
        if (fromEarlierRun) {
            resumed++;
        }
    }

    int attempts() {
        return attempts;
    }

    int resumed() {
        return resumed;
    }

    TokenUsage usage() {
        return usage;
    }

    String describe(PlannedSegment segment) {
        return segment.describe(segments);
    }

    EpisodeNarrationException failure(PlannedSegment segment, RealtimeException e) {
        int throttled = throttledBySegment.getOrDefault(segment.key(), 0);
        String reason = describe(segment) + " failed after "
                + (attemptsBySegment.getOrDefault(segment.key(), 0) - throttled) + " attempt(s)"
                + (throttled > 0 ? " and " + throttled + " throttled call(s)" : "") + ": " + e.getMessage();
        return new EpisodeNarrationException(e.kind(), e.code(), reason, attempts, usage, null, e);
    }

    EpisodeNarrationException rejected(PlannedSegment segment, SegmentRejectedException e) {
        String reason = SegmentRejectedException.CODE + ": " + describe(segment) + " was not read faithfully in "
                + e.readings() + " reading(s): " + e.verdict().problem();
        return new EpisodeNarrationException(FailureKind.PERMANENT,
                SegmentRejectedException.CODE, reason, attempts, usage.plus(e.spent()),
                e.verdict().wordErrorRate(), e);
    }

    @Override
    public void close() {
        sessions.close();
    }
}
