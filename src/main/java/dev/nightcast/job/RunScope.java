package dev.nightcast.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.nightcast.narration.SegmentSharing;
import dev.nightcast.progress.LiveRun;
import dev.nightcast.realtime.RealtimeGateway;
import dev.nightcast.retry.OutageBreaker;
import dev.nightcast.script.ScriptEntry;

/**
 * Everything the workers of one job execution share, for as long as it runs in this process: its
 * params, its input entries and the {@link EpisodeSource} they take them from (the queue of those
 * not yet handed out, or in a cluster the run's claim table), the outage breaker, the gateway (one
 * deployment's throttle, or the pool of several deployments), the live run (progress, spend, limits) and the sharing of segments at the end of the run. Opened and released
 * by {@link RunScopes} (on a worker host, for as long as partitions of the execution run there); the
 * workers' step-scoped beans take it instead of reading job parameters. Thread-safe: the queue is
 * concurrent and the rest is thread-safe by itself.
 */
final class RunScope {

    private final long executionId;
    private final RunParams params;
    private final List<ScriptEntry> entries;
    private final EpisodeSource source;
    private final boolean remote;
    private final OutageBreaker breaker;
    private final RealtimeGateway gateway;
    private final LiveRun live;
    private final SegmentSharing sharing;

    /** Makes the scope's source of entries from its sharing and breaker. */
    interface Sources {
        EpisodeSource of(SegmentSharing sharing, OutageBreaker breaker);
    }

    /**
     * A scope whose workers take the entries from a queue in this process.
     *
     * @param entries the whole input, for the review page and feed at the end
     * @param selected the entries this run works on, in input order (see {@link EpisodeSelection})
     */
    RunScope(
            long executionId,
            RunParams params,
            List<ScriptEntry> entries,
            List<ScriptEntry> selected,
            OutageBreaker breaker,
            RealtimeGateway gateway,
            LiveRun live) {
        this(
                executionId,
                params,
                entries,
                breaker,
                gateway,
                live,
                (sharing, tripped) -> EpisodeSource.of(new ConcurrentLinkedQueue<>(positioned(entries, selected))),
                new SegmentSharing(),
                false);
    }

    /**
     * @param sharing the segment sharing of the execution's workers in this process (across hosts in a cluster)
     * @param remote whether the execution's manager runs elsewhere (this process is a worker host of a cluster)
     */
    RunScope(
            long executionId,
            RunParams params,
            List<ScriptEntry> entries,
            OutageBreaker breaker,
            RealtimeGateway gateway,
            LiveRun live,
            Sources sources,
            SegmentSharing sharing,
            boolean remote) {
        this.sharing = sharing;
        this.remote = remote;
        this.executionId = executionId;
        this.params = params;
        this.entries = List.copyOf(entries);
        this.breaker = breaker;
        this.gateway = gateway;
        this.live = live;
        this.source = sources.of(sharing, breaker);
    }

    /** The selected entries with their positions in the input, in input order. */
    static List<EpisodeSource.Taken> positioned(List<ScriptEntry> entries, List<ScriptEntry> selected) {
        Set<ScriptEntry> chosen = Collections.newSetFromMap(new IdentityHashMap<>());
        chosen.addAll(selected);
        List<EpisodeSource.Taken> positioned = new ArrayList<>();
        for (int position = 0; position < entries.size(); position++) {
            if (chosen.contains(entries.get(position))) {
                positioned.add(new EpisodeSource.Taken(entries.get(position), position));
            }
        }
        return positioned;
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

    boolean remote() {
        return remote;
    }

    /** Where the workers take their entries. */
    EpisodeSource source() {
        return source;
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
