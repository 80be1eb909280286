package dev.nightcast.narration;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.nightcast.assembly.EpisodeAssembler;
import dev.nightcast.assembly.PlannedSegment;
import dev.nightcast.realtime.GatewayConfigException;
import dev.nightcast.retry.GatewayOutageException;
import dev.nightcast.script.EpisodeScript;

/**
 * Keeps every slot busy at the end of a run: a worker whose input ran out helps narrate the
 * segments of the episodes still in flight, instead of leaving its slot idle while a long episode
 * is read segment by segment on another.
 *
 * <p>Each episode being narrated is {@linkplain #narrate shared} here while its owner works on it.
 * A helper takes segments from the back of the episode with the most segments left, through
 * sessions of its own (a voice's session serves one thread); the owner takes them from the front.
 * So the gateway never sees more than {@code concurrency} calls: a helper is a worker that would
 * otherwise have ended, and it starts only while the gateway has room for another session. What a
 * helper narrates is kept in the episode's checkpoints like any segment, and its failures are the
 * episode's.
 *
 * <p>Workers report the entries they work on ({@link #entryTaken}, {@link #entryDone}), because an
 * entry just taken is not shared yet (its owner is still planning it): a helper waits for it rather
 * than ending early. One instance per run, shared by its workers; thread-safe.
 *
 * <p>In a cluster a host's instance has the run's {@link SegmentBoard}: the episodes this host
 * narrates are published there and their segments taken through it, and a worker of this host with
 * nothing to claim also {@linkplain #helpOtherHosts helps other hosts}, narrating segments of their
 * episodes into the kept segments on the shared folder.
 */
public class SegmentSharing {

    private static final Logger log = LoggerFactory.getLogger(SegmentSharing.class);
    private static final long RECHECK_MILLIS = 1000;

    private final Set<SharedEpisode> inFlight = ConcurrentHashMap.newKeySet();
    private final @Nullable SegmentBoard board;
    /** The run's episodes by id, for segments of other hosts' episodes. */
    private final Function<String, @Nullable EpisodeScript> scripts;
    /** Episodes this host plans otherwise than their owner (other settings): it does not help with them. */
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    private volatile @Nullable NarrationProcessor narrator;
    /** Guards {@link #busyWorkers}; notified when an episode is shared or an entry is done. */
    private final Object changes = new Object();

    private int busyWorkers;

    /** Sharing within this process. */
    public SegmentSharing() {
        this.board = null;
        this.scripts = id -> null;
    }

    /**
     * Sharing across the hosts of a cluster, through the run's board.
     *
     * @param scripts the run's episodes by id, as this host reads them
     */
    public SegmentSharing(SegmentBoard board, Function<String, @Nullable EpisodeScript> scripts) {
        this.board = board;
        this.scripts = scripts;
    }

    /**
     * The narrator of this run's workers on this host, through which it helps other hosts (every
     * worker's is alike: same gateway, settings and output).
     */
    public void helpOtherHostsWith(NarrationProcessor processor) {
        this.narrator = processor;
    }

    /**
     * Narrates the episode of {@code owner}, with help from idle workers while it lasts.
     *
     * @param order the segments in the order the owner narrates them
     * @return every segment's kept parts, in reading order
     */
    List<EpisodeAssembler.Finished> narrate(
            EpisodeRun owner, List<PlannedSegment> order, SharedEpisode.SegmentWork work)
            throws EpisodeNarrationException, IOException {
        SharedEpisode episode = new SharedEpisode(owner, order, work, board);
        if (board != null) {
            board.publish(episode.episodeId(), episode.keys());
        }
        synchronized (changes) {
            inFlight.add(episode);
            changes.notifyAll();
        }
        try {
            return episode.narrateAsOwner();
        } finally {
            inFlight.remove(episode);
            if (board != null) {
                board.withdraw(episode.episodeId());
            }
        }
    }

    /**
     * Called in a cluster by a worker with nothing to claim: narrates segments of episodes other
     * hosts own, from the back of the one with the most left, while this host's gateway has room
     * for another session, until none is left or {@code stop} says so. A segment's failure is its
     * episode's (recorded for its owner); a gateway outage or a refused configuration is this host's
     * trouble: the segment is given back and the exception thrown.
     */
    public void helpOtherHosts(BooleanSupplier stop) {
        while (!stop.getAsBoolean() && helpElsewhereOnce()) {
            // one segment of another host's episode at a time, checking stop in between
        }
    }

    /** Narrates one segment of another host's episode, if there is one and the gateway has room (never in one process). */
    private boolean helpElsewhereOnce() {
        NarrationProcessor processor = narrator;
        if (board == null || processor == null || !processor.gatewayHasRoom()) {
            return false;
        }
        Optional<SegmentBoard.Segment> taken = board.takeElsewhere(List.copyOf(refused));
        if (taken.isEmpty()) {
            return false;
        }
        helpWith(board, processor, taken.get());
        return true;
    }

    private void helpWith(SegmentBoard board, NarrationProcessor processor, SegmentBoard.Segment segment) {
        String id = segment.episodeId();
        EpisodeScript script = scripts.apply(id);
        try {
            SegmentBoard.Spent spent =
                    script == null ? null : processor.narrateSegmentOf(script, segment.index(), segment.key());
            if (spent == null) {
                log.warn(
                        "Episode {}: this host plans its segments otherwise than the host narrating it (its input or"
                                + " settings differ); not helping with it",
                        id);
                refused.add(id);
                board.release(id, segment.index());
                return;
            }
            board.done(id, segment.index(), spent);
        } catch (EpisodeNarrationException e) {
            board.failed(
                    id,
                    segment.index(),
                    SharedEpisode.boardFailure(e),
                    new SegmentBoard.Spent(e.attempts(), e.usage()));
        } catch (IOException e) {
            board.failed(id, segment.index(), SharedEpisode.boardFailure(e), SegmentBoard.Spent.NOTHING);
        } catch (GatewayOutageException | GatewayConfigException e) {
            board.release(id, segment.index());
            throw e;
        } catch (RuntimeException e) {
            log.error("Episode {}: a segment narrated for another host failed unexpectedly", id, e);
            board.failed(id, segment.index(), SharedEpisode.boardFailure(e), SegmentBoard.Spent.NOTHING);
        }
    }

    /** A worker took an input entry: until {@link #entryDone()} it may yet share an episode. */
    public void entryTaken() {
        synchronized (changes) {
            busyWorkers++;
        }
    }

    /** The entry a worker took is finished with (narrated, skipped, failed or abandoned). */
    public void entryDone() {
        synchronized (changes) {
            busyWorkers--;
            changes.notifyAll();
        }
    }

    /**
     * Called by a worker whose input ran out: narrates segments of the episodes in flight until no
     * worker has an entry left that could bring more, or {@code stop} says so. Never throws for a
     * segment's failure; that is the episode's, and its owner reports it.
     */
    public void helpWhileWorkRemains(BooleanSupplier stop) {
        while (!stop.getAsBoolean()) {
            SharedEpisode next = mostUntaken();
            if (next != null) {
                next.help();
                continue;
            }
            // In a cluster, rather than wait for this host's episodes, help another host's.
            if (helpElsewhereOnce()) {
                continue;
            }
            synchronized (changes) {
                if (busyWorkers <= 0) {
                    return;
                }
                if (mostUntaken() == null) {
                    try {
                        changes.wait(RECHECK_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /**
     * The episode with the most segments left whose gateway has room for one more session. When the
     * gateway's quota, not the number of workers, is what limits the run, helpers would only queue
     * behind the owners for the same sessions and churn connections against the quota: they wait.
     */
    private @Nullable SharedEpisode mostUntaken() {
        return inFlight.stream()
                .filter(episode -> episode.untaken() > 0 && episode.gatewayHasRoom())
                .max(Comparator.comparingInt(SharedEpisode::untaken))
                .orElse(null);
    }
}
