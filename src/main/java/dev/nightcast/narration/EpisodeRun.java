package dev.nightcast.narration;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.nightcast.assembly.PlannedSegment;
import dev.nightcast.assembly.SegmentCheckpoints;
import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.TokenUsage;
import dev.nightcast.script.EpisodeScript;
import dev.nightcast.text.FidelityCheck;

/**
 * The state of one episode's narration as one thread sees it: its own sessions, over what every
 * thread narrating the episode shares (its checkpoints, {@code max-attempts}, calls per segment and
 * what was spent).
 *
 * <p>The worker that owns the episode creates it; a worker helping with the episode's segments
 * ({@link SharedEpisode}) narrates through a {@link #helper()} with sessions of its own. Each
 * instance is used by one thread; the shared part is thread-safe. Lives for one
 * {@link EpisodeNarrator#narrate} call.
 */
final class EpisodeRun implements AutoCloseable {

    /** The failure code of an episode whose segment was never read faithfully, and its reason's keyword. */
    private static final String FIDELITY = "fidelity";

    private final Shared shared;
    private final VoiceSessions sessions;

    EpisodeRun(
            EpisodeScript script,
            int segments,
            SegmentCheckpoints checkpoints,
            VoiceSessions sessions,
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

    int maxAttempts() {
        return shared.maxAttempts;
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
     * The segment's last call failed by the gateway's fault (see {@link dev.nightcast.retry.OutageBreaker.Blame}): it does
     * not count against {@code max-attempts}.
     */
    void gatewayFailed(PlannedSegment segment) {
        shared.gatewayFailedBySegment.merge(segment.key(), 1, Integer::sum);
    }

    /** How many of the segment's calls so far failed by the gateway's fault. */
    int gatewayFailures(PlannedSegment segment) {
        return shared.gatewayFailedBySegment.getOrDefault(segment.key(), 0);
    }

    /** A finished segment: new, or kept from an earlier run. */
    void finished(SegmentCheckpoints.Take take, boolean fromEarlierRun) {
        shared.count(take.usage(), 0, fromEarlierRun ? 1 : 0);
    }

    /**
     * Parts that {@link #finished} counted as kept from an earlier run, with their tokens, were
     * narrated in this run by a helper of another host (a cluster): they count as narrated, and their
     * tokens are in what that host spent ({@link #spentByAnotherHost}).
     */
    void keptByAnotherHost(int parts, TokenUsage counted) {
        shared.uncount(counted, parts);
    }

    /** The tokens counted from {@code before} to {@code after}. */
    static TokenUsage between(TokenUsage before, TokenUsage after) {
        return new TokenUsage(
                after.inputTokens() - before.inputTokens(),
                after.outputTokens() - before.outputTokens(),
                after.inputTextTokens() - before.inputTextTokens(),
                after.inputAudioTokens() - before.inputAudioTokens(),
                after.outputTextTokens() - before.outputTextTokens(),
                after.outputAudioTokens() - before.outputAudioTokens());
    }

    /** Calls and tokens helpers of other hosts spent on the episode's segments. */
    void spentByAnotherHost(int calls, TokenUsage usage) {
        shared.count(usage, calls, 0);
    }

    /** Tokens spent on readings of a segment that were rejected and will not be kept. */
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

    /** No reading of the segment passed the fidelity check; {@code verdict} is the last one's. */
    EpisodeNarrationException rejected(PlannedSegment segment, FidelityCheck.Verdict verdict, int readings) {
        String reason = FIDELITY + ": " + describe(segment) + " was not read faithfully in " + readings
                + " reading(s): " + verdict.problem();
        return new EpisodeNarrationException(
                FailureKind.PERMANENT, FIDELITY, reason, attempts(), usage(), verdict.wordErrorRate(), null);
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
        }

        synchronized void count(TokenUsage spent, int calls, int resumedSegments) {
            usage = usage.plus(spent);
            attempts += calls;
            resumed += resumedSegments;
        }

        /** Takes back what {@link #count} counted as segments kept from an earlier run, and their tokens. */
        synchronized void uncount(TokenUsage spent, int resumedSegments) {
            usage = between(spent, usage);
            resumed -= resumedSegments;
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
