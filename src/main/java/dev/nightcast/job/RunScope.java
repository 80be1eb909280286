package dev.nightcast.job;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.nightcast.narration.SegmentSharing;
import dev.nightcast.progress.LiveRun;
import dev.nightcast.realtime.RealtimeGateway;
import dev.nightcast.retry.OutageBreaker;
import dev.nightcast.script.ScriptEntry;

/**
 * Everything the workers of one job execution share, for as long as it runs in this process: its
 * params, its input entries and the queue of those not yet handed out, the outage breaker, the
 * gateway (one deployment's throttle, or the pool of several deployments), the live
 * run (progress, spend, limits) and the sharing of segments at the end of the run. Opened and
 * released by {@link RunScopes}; the workers' step-scoped beans take it instead of reading job
 * parameters. Thread-safe: the queue is concurrent and the rest is thread-safe by itself.
 */
final class RunScope {

    private final long executionId;
    private final RunParams params;
    private final List<ScriptEntry> entries;
    private final Queue<ScriptEntry> queue;
    private final OutageBreaker breaker;
    private final RealtimeGateway gateway;
    private final LiveRun live;
    private final SegmentSharing sharing = new SegmentSharing();

    /**
     * @param entries the whole input, for the review page and feed at the end
     * @param selected the entries this run works on, in input order (see {@link EpisodeSelection})
     */
    RunScope(long executionId, RunParams params, List<ScriptEntry> entries, List<ScriptEntry> selected,
            OutageBreaker breaker, RealtimeGateway gateway, LiveRun live) {
        this.executionId = executionId;
        this.params = params;
        this.entries = List.copyOf(entries);
        this.queue = new ConcurrentLinkedQueue<>(selected);
        this.breaker = breaker;
        this.gateway = gateway;
        this.live = live;
    }

    long executionId() {
        return executionId;
    }

    RunParams params() {
        return params;
    }

    List<ScriptEntry> entries() {
        return entries;
    }

    /**
     * The entries no worker has taken yet. Restart safety does not come from a saved position but
     * from idempotence: episodes already published are recognised by their fingerprint and skipped.
     */
    Queue<ScriptEntry> queue() {
        return queue;
    }

    OutageBreaker breaker() {
        return breaker;
    }

    /** The throttled gateway (or pool of deployments) every worker of the execution narrates with. */
    RealtimeGateway gateway() {
        return gateway;
    }

    LiveRun live() {
        return live;
    }

    SegmentSharing sharing() {
        return sharing;
    }
}
