package dev.nightcast.narration;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;

import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.TokenUsage;

/**
 * The segments of the episodes in flight on every host of a cluster, for end-of-run segment sharing
 * across hosts (see {@link SegmentSharing}): the run's table in the database, as seen by this host.
 * Absent in one process, where the episodes' segments are shared in memory only. An episode is known
 * by its id, a segment by its place in the owner's narration order. A segment taken by a host lives
 * as long as that host's lease: the segment of a host that is gone can be taken again. Thread-safe.
 */
public interface SegmentBoard {

    /** A segment of another host's episode, taken by this host: the episode, its place in the owner's order, its key. */
    record Segment(String episodeId, int index, String key) {}

    /** What a host spent on a segment: gateway calls and tokens, rejected readings included. */
    record Spent(int attempts, TokenUsage usage) {

        public static final Spent NOTHING = new Spent(0, TokenUsage.ZERO);
    }

    /** Why a segment failed, so that the episode's owner reports it as its own failure. */
    record Failure(
            FailureKind kind,
            String code,
            String reason,
            @Nullable Double wordErrorRate) {}

    /**
     * How an episode's segments stand for its owner.
     *
     * @param takeable queued, or held by a host that is gone
     * @param takenLive held by live hosts, this one included
     * @param failedIndex the earliest failed segment in the owner's order, or null
     * @param failure its failure, or null
     */
    record Standing(
            long takeable,
            long takenLive,
            @Nullable Integer failedIndex,
            @Nullable Failure failure) {}

    /** This host owns the episode: publishes its segments, all untaken, by their keys in its narration order. */
    void publish(String episodeId, List<String> keys);

    /** The owner is done with the episode: its segments leave the board. */
    void withdraw(String episodeId);

    /** Takes an untaken segment of the episode for this host: the first (its owner) or the last (a helper). */
    OptionalInt take(String episodeId, boolean fromBack);

    /** Segments of the episode nobody holds. */
    int takeable(String episodeId);

    Standing standing(String episodeId);

    /** A segment of an episode another live host owns, from the back of the one with the most left. */
    Optional<Segment> takeElsewhere(List<String> refusedEpisodes);

    /** The segment this host took is kept in the episode's segment folder; {@code spent} on it. */
    void done(String episodeId, int index, Spent spent);

    /** The segment this host took failed: so does its episode. */
    void failed(String episodeId, int index, Failure failure, Spent spent);

    /**
     * What other hosts spent on the episode's segments they finished (done or failed): the owner adds
     * it to the episode's tallies.
     */
    Spent spentByOtherHosts(String episodeId);

    /** Gives back a segment this host took but cannot narrate now. */
    void release(String episodeId, int index);
}
