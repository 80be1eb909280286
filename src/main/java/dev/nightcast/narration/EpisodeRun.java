package dev.nightcast.narration;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.failsafe.RetryPolicy;

import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.TokenUsage;
import dev.nightcast.script.EpisodeScript;

/**
 * The state of one episode's narration as one thread sees it: its own sessions and the back-off
 * chosen after its last failed attempt, over what every thread narrating the episode shares (its
 * checkpoints, the retry policy of this run, attempts per segment and what was spent).
 *
 * <p>The worker that owns the episode creates it; a worker helping with the episode's segments
 * ({@link SharedEpisode}) narrates through a {@link #helper()} with sessions of its own. Each
 * instance is used by one thread; the shared part is thread-safe. Lives for one
 * {@link EpisodeNarrator#narrate} call.
 */
final class EpisodeRun implements AutoCloseable {

    private final Shared shared;
    private final VoiceSessions sessions;
    private Duration backoffDelay = Duration.ZERO;

    EpisodeRun(EpisodeScript script, int segments, SegmentCheckpoints checkpoints, VoiceSessions sessions,
            int maxAttempts) {
        this(new Shared(script, segments, checkpoints, maxAttempts), sessions);
    }

    private EpisodeRun(Shared shared, VoiceSessions sessions) {
        this.shared = shared;
        this.sessions = sessions;
    }

    /** The same episode for another thread: shared tallies and checkpoints, sessions of its own. */
    EpisodeRun helper() {
        return new EpisodeRun(shared, sessions.another());
    }

    EpisodeScript script() {
        return shared.script;
    }

    SegmentCheckpoints checkpoints() {
        return shared.checkpoints;
    }

    VoiceSessions sessions() {
        return sessions;
    }

    RetryPolicy<Object> retryPolicy() {
        return shared.retryPolicy;
    }

    int maxAttempts() {
        return shared.maxAttempts;
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
        shared.count(TokenUsage.ZERO, 1, 0);
        return shared.attemptsBySegment.merge(segment.key(), 1, Integer::sum);
    }

    /** The segment's last call was throttled: it does not count against {@code max-attempts}. */
    void throttled(PlannedSegment segment) {
        shared.throttledBySegment.merge(segment.key(), 1, Integer::sum);
    }

    /**
     * The segment's last call failed by the gateway's fault (see {@link OutageBreaker.Blame}): it does
     * not count against {@code max-attempts}. Returns how many of the segment's calls so far did.
     */
    int gatewayFailed(PlannedSegment segment) {
        return shared.gatewayFailedBySegment.merge(segment.key(), 1, Integer::sum);
    }

    /** A finished segment: new, or kept from an earlier run. */
    void finished(SegmentCheckpoints.Take take, boolean fromEarlierRun) {
        shared.count(take.usage(), 0, fromEarlierRun ? 1 : 0);
    }

    /** Tokens spent on readings that were rejected and not kept. */
    void spentOnRejected(TokenUsage usage) {
        shared.count(usage, 0, 0);
    }

    int attempts() {
        return shared.attempts();
    }

    int resumed() {
        return shared.resumed();
    }

    TokenUsage usage() {
        return shared.usage();
    }

    String describe(PlannedSegment segment) {
        return segment.describe(shared.segments);
    }

    EpisodeNarrationException failure(PlannedSegment segment, RealtimeException e) {
        int throttled = shared.throttledBySegment.getOrDefault(segment.key(), 0);
        int gatewayFailed = shared.gatewayFailedBySegment.getOrDefault(segment.key(), 0);
        String reason = describe(segment) + " failed after "
                + (shared.attemptsBySegment.getOrDefault(segment.key(), 0) - throttled - gatewayFailed) + " attempt(s)"
                + (throttled > 0 ? " and " + throttled + " throttled call(s)" : "")
                + (gatewayFailed > 0 ? " and " + gatewayFailed + " call(s) the gateway failed" : "") + ": "
                + e.getMessage();
        return new EpisodeNarrationException(e.kind(), e.code(), reason, attempts(), usage(), null, e);
    }

    EpisodeNarrationException rejected(PlannedSegment segment, SegmentRejectedException e) {
        spentOnRejected(e.spent());
        String reason = SegmentRejectedException.CODE + ": " + describe(segment) + " was not read faithfully in "
                + e.readings() + " reading(s): " + e.verdict().problem();
        return new EpisodeNarrationException(FailureKind.PERMANENT,
                SegmentRejectedException.CODE, reason, attempts(), usage(),
                e.verdict().wordErrorRate(), e);
    }

    @Override
    public void close() {
        sessions.close();
    }

    /** What every thread narrating the episode shares. Thread-safe. */
    private static final class Shared {

        private final EpisodeScript script;
        private final int segments;
        private final SegmentCheckpoints checkpoints;
        private final int maxAttempts;
        private final RetryPolicy<Object> retryPolicy;
        private final Map<String, Integer> attemptsBySegment = new ConcurrentHashMap<>();
        private final Map<String, Integer> throttledBySegment = new ConcurrentHashMap<>();
        private final Map<String, Integer> gatewayFailedBySegment = new ConcurrentHashMap<>();
        private int attempts;
        private int resumed;
        private TokenUsage usage = TokenUsage.ZERO;

        Shared(EpisodeScript script, int segments, SegmentCheckpoints checkpoints, int maxAttempts) {
            this.script = script;
            this.segments = segments;
            this.checkpoints = checkpoints;
            this.maxAttempts = maxAttempts;
            // Failsafe decides what is retried and how often. The back-off is waited in the outage
            // breaker instead (see SegmentNarrator), so that an outage cuts every worker's wait short.
            this.retryPolicy = RetryPolicy.builder()
                    .handleIf(failure -> failure instanceof RealtimeException e && e.isTransient())
                    .withMaxAttempts(maxAttempts)
                    .build();
        }

        synchronized void count(TokenUsage spent, int calls, int resumedSegments) {
            usage = usage.plus(spent);
            attempts += calls;
            resumed += resumedSegments;
        }

        synchronized int attempts() {
            return attempts;
        }

        synchronized int resumed() {
            return resumed;
        }

        synchronized TokenUsage usage() {
            return usage;
        }
    }
}
