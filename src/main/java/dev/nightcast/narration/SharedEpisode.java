package dev.nightcast.narration;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

import dev.nightcast.assembly.EpisodeAssembler;
import dev.nightcast.assembly.PlannedSegment;
import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.TokenUsage;

/**
 * The segments of one episode being narrated, for every worker that narrates them: the worker that
 * owns the episode takes them from the front, in narration order; workers whose input ran out
 * ({@link SegmentSharing}) take them from the back, each through sessions of its own. Every segment
 * is taken once. After a failure no further segment is taken, and the owner reports the failure of
 * the earliest segment in narration order once every helper has finished the segment it held (so
 * nothing writes into the episode's checkpoints after the owner returns). Thread-safe.
 *
 * <p>In a cluster the segments are taken through the {@link SegmentBoard} instead of a queue in
 * memory, so that helpers of other hosts take them too: they narrate into the episode's kept
 * segments on the shared folder, and the owner waits until none of its segments is held by a live
 * host, takes back those of a host that is gone, reports a failure another host recorded, and finds
 * the others' segments in the kept segments when it assembles.
 */
final class SharedEpisode {

    /** How often the owner looks at the board while other hosts hold its segments. */
    private static final long BOARD_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    /** Narrates one segment (and, if it must be split, its parts) into its kept parts. */
    @FunctionalInterface
    interface SegmentWork {
        List<EpisodeAssembler.Finished> complete(EpisodeRun run, PlannedSegment segment)
                throws EpisodeNarrationException, IOException;
    }

    private final EpisodeRun owner;
    private final SegmentWork work;
    private final List<PlannedSegment> order;
    private final @Nullable SegmentBoard board;
    /** Positions in {@link #order} nobody has taken yet; unused with a board. */
    private final Deque<Integer> untaken = new ArrayDeque<>();
    /** The kept parts of the segments narrated on this host, by their index in the plan. */
    private final Map<Integer, List<EpisodeAssembler.Finished>> finished = new HashMap<>();

    private int helping;
    private int failedPosition = Integer.MAX_VALUE;
    private @Nullable Exception failure;

    /** @param order the segments in the order the owner narrates them */
    SharedEpisode(EpisodeRun owner, List<PlannedSegment> order, SegmentWork work) {
        this(owner, order, work, null);
    }

    /** @param board the cluster's, where the segments are taken (the owner published them), or null in one process */
    SharedEpisode(EpisodeRun owner, List<PlannedSegment> order, SegmentWork work, @Nullable SegmentBoard board) {
        this.owner = owner;
        this.work = work;
        this.order = List.copyOf(order);
        this.board = board;
        for (int i = 0; i < order.size(); i++) {
            untaken.add(i);
        }
    }

    String episodeId() {
        return owner.script().id();
    }

    /** The segments' keys in the owner's order, as published on the board. */
    List<String> keys() {
        return order.stream().map(PlannedSegment::key).toList();
    }

    /**
     * The owner's part: narrates segments from the front until none is left, then waits for the
     * helpers (and with a board, narrates what helpers of hosts that are gone held).
     *
     * @return every segment's kept parts, in reading order
     */
    List<EpisodeAssembler.Finished> narrateAsOwner() throws EpisodeNarrationException, IOException {
        do {
            Integer position;
            while ((position = take(false)) != null) {
                narrate(owner, position, false);
            }
            // No idle connection held against the gateway's session quota while helpers finish.
            owner.sessions().close();
            awaitHelpers();
        } while (board != null && awaitOtherHosts(board));
        if (board != null) {
            SegmentBoard.Spent elsewhere = board.spentByOtherHosts(episodeId());
            owner.spentByAnotherHost(elsewhere.attempts(), elsewhere.usage());
        }
        return result();
    }

    /** A helper's part: narrates segments from the back, through sessions of its own, until none is left. */
    void help() {
        try (EpisodeRun helper = owner.helper()) {
            Integer position;
            while ((position = take(true)) != null) {
                narrate(helper, position, true);
            }
        }
    }

    /** Whether the episode's gateway would admit a helper's session now. */
    boolean gatewayHasRoom() {
        return owner.sessions().gatewayHasRoom();
    }

    /** Segments nobody has taken yet; none once a segment failed. */
    int untaken() {
        synchronized (this) {
            if (failure != null) {
                return 0;
            }
            if (board == null) {
                return untaken.size();
            }
        }
        return board.takeable(episodeId());
    }

    private @Nullable Integer take(boolean byHelper) {
        synchronized (this) {
            if (failure != null) {
                return null;
            }
            if (board == null) {
                if (untaken.isEmpty()) {
                    return null;
                }
                if (byHelper) {
                    helping++;
                    return untaken.pollLast();
                }
                return untaken.pollFirst();
            }
            if (byHelper) {
                helping++;
            }
        }
        OptionalInt taken = OptionalInt.empty();
        try {
            taken = board.take(episodeId(), byHelper);
        } finally {
            if (taken.isEmpty() && byHelper) {
                helperDone();
            }
        }
        return taken.isPresent() ? taken.getAsInt() : null;
    }

    private void narrate(EpisodeRun run, int position, boolean byHelper) {
        PlannedSegment segment = order.get(position);
        try {
            List<EpisodeAssembler.Finished> parts = work.complete(run, segment);
            synchronized (this) {
                finished.put(segment.index(), parts);
            }
            if (board != null) {
                // What this host spends is in the episode's shared tallies already.
                board.done(episodeId(), position, SegmentBoard.Spent.NOTHING);
            }
        } catch (EpisodeNarrationException | IOException | RuntimeException e) {
            failed(position, e);
            if (board != null) {
                // Helpers of other hosts take no further segment of a failed episode.
                board.failed(episodeId(), position, boardFailure(e), SegmentBoard.Spent.NOTHING);
            }
        } finally {
            if (byHelper) {
                helperDone();
            }
        }
    }

    static SegmentBoard.Failure boardFailure(Exception e) {
        if (e instanceof EpisodeNarrationException failed) {
            return new SegmentBoard.Failure(
                    failed.kind(), failed.code(), String.valueOf(failed.getMessage()), failed.wordErrorRate());
        }
        return new SegmentBoard.Failure(FailureKind.PERMANENT, "internal", "failed unexpectedly: " + e, null);
    }

    private synchronized void failed(int position, Exception e) {
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

    /**
     * Waits while helpers of other hosts hold segments of the episode, and takes up a failure one of
     * them recorded.
     *
     * @return whether segments are takeable again (their host is gone): the owner narrates them
     */
    private boolean awaitOtherHosts(SegmentBoard board) {
        while (true) {
            SegmentBoard.Standing standing = board.standing(episodeId());
            SegmentBoard.Failure elsewhere = standing.failure();
            Integer failedIndex = standing.failedIndex();
            if (elsewhere != null && failedIndex != null) {
                failed(
                        failedIndex,
                        new EpisodeNarrationException(
                                elsewhere.kind(),
                                elsewhere.code(),
                                elsewhere.reason(),
                                0,
                                TokenUsage.ZERO,
                                elsewhere.wordErrorRate(),
                                null));
            }
            boolean failedAlready;
            synchronized (this) {
                failedAlready = failure != null;
            }
            if (standing.takeable() > 0 && !failedAlready) {
                return true;
            }
            if (standing.takenLive() == 0) {
                return false;
            }
            LockSupport.parkNanos(BOARD_RECHECK_NANOS);
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
    }

    private List<EpisodeAssembler.Finished> result() throws EpisodeNarrationException, IOException {
        synchronized (this) {
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
        }
        List<EpisodeAssembler.Finished> inOrder = new ArrayList<>();
        for (PlannedSegment segment : order.stream()
                .sorted((a, b) -> Integer.compare(a.index(), b.index()))
                .toList()) {
            List<EpisodeAssembler.Finished> parts;
            synchronized (this) {
                parts = finished.get(segment.index());
            }
            if (parts == null) {
                // Narrated by a helper of another host into the kept segments (were one missing, the
                // owner narrates it now rather than assemble a gap).
                int resumed = owner.resumed();
                TokenUsage usage = owner.usage();
                parts = work.complete(owner, segment);
                if (owner.resumed() - resumed == parts.size()) {
                    // All found kept: their tokens are in what the other host spent, counted above.
                    owner.keptByAnotherHost(parts.size(), EpisodeRun.between(usage, owner.usage()));
                }
            }
            inOrder.addAll(parts);
        }
        return inOrder;
    }
}
