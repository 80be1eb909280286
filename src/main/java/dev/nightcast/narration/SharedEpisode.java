package dev.nightcast.narration;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.nightcast.assembly.EpisodeAssembler;
import dev.nightcast.assembly.PlannedSegment;

/**
 * The segments of one episode being narrated, for every worker that narrates them: the worker that
 * owns the episode takes them from the front, in narration order; workers whose input ran out
 * ({@link SegmentSharing}) take them from the back, each through sessions of its own. Every segment
 * is taken once. After a failure no further segment is taken, and the owner reports the failure of
 * the earliest segment in narration order once every helper has finished the segment it held (so
 * nothing writes into the episode's checkpoints after the owner returns). Thread-safe.
 */
final class SharedEpisode {

    /** Narrates one segment (and, if it must be split, its parts) into its kept parts. */
    @FunctionalInterface
    interface SegmentWork {
        List<EpisodeAssembler.Finished> complete(EpisodeRun run, PlannedSegment segment)
                throws EpisodeNarrationException, IOException;
    }

    private final EpisodeRun owner;
    private final SegmentWork work;
    private final Deque<PlannedSegment> untaken;
    private final Map<PlannedSegment, Integer> positions = new HashMap<>();
    private final Map<Integer, List<EpisodeAssembler.Finished>> finished = new HashMap<>();
    private int helping;
    private int failedPosition = Integer.MAX_VALUE;
    private @Nullable Exception failure;

    /** @param order the segments in the order the owner narrates them */
    SharedEpisode(EpisodeRun owner, List<PlannedSegment> order, SegmentWork work) {
        this.owner = owner;
        this.work = work;
        this.untaken = new ArrayDeque<>(order);
        for (int i = 0; i < order.size(); i++) {
            positions.put(order.get(i), i);
        }
    }

    String episodeId() {
        return owner.script().id();
    }

    /**
     * The owner's part: narrates segments from the front until none is left, then waits for the
     * helpers.
     *
     * @return every segment's kept parts, in reading order
     */
    List<EpisodeAssembler.Finished> narrateAsOwner() throws EpisodeNarrationException, IOException {
        PlannedSegment segment;
        while ((segment = take(false)) != null) {
            narrate(owner, segment, false);
        }
        // No idle connection held against the gateway's session quota while helpers finish.
        owner.sessions().close();
        awaitHelpers();
        return result();
    }

    /** A helper's part: narrates segments from the back, through sessions of its own, until none is left. */
    void help() {
        try (EpisodeRun helper = owner.helper()) {
            PlannedSegment segment;
            while ((segment = take(true)) != null) {
                narrate(helper, segment, true);
            }
        }
    }

    /** Whether the episode's gateway would admit a helper's session now. */
    boolean gatewayHasRoom() {
        return owner.sessions().gatewayHasRoom();
    }

    /** Segments nobody has taken yet; none once a segment failed. */
    synchronized int untaken() {
        return failure == null ? untaken.size() : 0;
    }

    private synchronized @Nullable PlannedSegment take(boolean byHelper) {
        if (failure != null || untaken.isEmpty()) {
            return null;
        }
        if (byHelper) {
            helping++;
            return untaken.pollLast();
        }
        return untaken.pollFirst();
    }

    private void narrate(EpisodeRun run, PlannedSegment segment, boolean byHelper) {
        try {
            List<EpisodeAssembler.Finished> parts = work.complete(run, segment);
            synchronized (this) {
                finished.put(segment.index(), parts);
            }
        } catch (EpisodeNarrationException | IOException | RuntimeException e) {
            failed(segment, e);
        } finally {
            if (byHelper) {
                helperDone();
            }
        }
    }

    private synchronized void failed(PlannedSegment segment, Exception e) {
        int position = Objects.requireNonNull(positions.get(segment), "every segment has a position");
        if (position < failedPosition) {
            failedPosition = position;
            failure = e;
        }
    }

    private synchronized void helperDone() {
        helping--;
        notifyAll();
    }

    private synchronized void awaitHelpers() {
        boolean interrupted = false;
        // Helpers' calls end by themselves (gateway timeouts, the outage breaker), and the owner
        // must not assemble or give up while one still writes into the episode's checkpoints.
        while (helping > 0) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized List<EpisodeAssembler.Finished> result() throws EpisodeNarrationException, IOException {
        if (failure instanceof EpisodeNarrationException e) {
            // Helpers may have gone on spending after the failure was raised.
            throw e.withTotals(owner.attempts(), owner.usage());
        }
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        List<EpisodeAssembler.Finished> inOrder = new ArrayList<>();
        finished.keySet().stream().sorted().forEach(index -> inOrder.addAll(finished.get(index)));
        return inOrder;
    }
}
