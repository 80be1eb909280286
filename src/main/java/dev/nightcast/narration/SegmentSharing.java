package dev.nightcast.narration;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

import dev.nightcast.assembly.EpisodeAssembler;
import dev.nightcast.assembly.PlannedSegment;

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
 */
public class SegmentSharing {

    private static final long RECHECK_MILLIS = 1000;

    private final Set<SharedEpisode> inFlight = ConcurrentHashMap.newKeySet();
    /** Guards {@link #busyWorkers}; notified when an episode is shared or an entry is done. */
    private final Object changes = new Object();

    private int busyWorkers;

    /**
     * Narrates the episode of {@code owner}, with help from idle workers while it lasts.
     *
     * @param order the segments in the order the owner narrates them
     * @return every segment's kept parts, in reading order
     */
    List<EpisodeAssembler.Finished> narrate(
            EpisodeRun owner, List<PlannedSegment> order, SharedEpisode.SegmentWork work)
            throws EpisodeNarrationException, IOException {
        SharedEpisode episode = new SharedEpisode(owner, order, work);
        synchronized (changes) {
            inFlight.add(episode);
            changes.notifyAll();
        }
        try {
            return episode.narrateAsOwner();
        } finally {
            inFlight.remove(episode);
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
