package dev.nightcast.job;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import dev.nightcast.narration.SegmentBoard;
import dev.nightcast.realtime.FailureKind;
import dev.nightcast.store.SegmentClaims;

/**
 * The {@link SegmentBoard} of one execution on a worker host of a cluster: the {@code cluster_segment}
 * table ({@link SegmentClaims}) of the run's job instance, with this host's id on what it takes. One
 * instance per execution on a host (in its {@link RunScope}); thread-safe (the table does the exclusion).
 */
final class ClusterSegmentBoard implements SegmentBoard {

    private final SegmentClaims segments;
    private final long jobInstanceId;
    private final String hostId;

    ClusterSegmentBoard(SegmentClaims segments, long jobInstanceId, String hostId) {
        this.segments = segments;
        this.jobInstanceId = jobInstanceId;
        this.hostId = hostId;
    }

    @Override
    public void publish(String episodeId, List<String> keys) {
        segments.publish(jobInstanceId, episodeId, hostId, keys);
    }

    @Override
    public void withdraw(String episodeId) {
        segments.withdraw(jobInstanceId, episodeId);
    }

    @Override
    public OptionalInt take(String episodeId, boolean fromBack) {
        return segments.take(jobInstanceId, episodeId, hostId, fromBack);
    }

    @Override
    public int takeable(String episodeId) {
        return segments.takeable(jobInstanceId, episodeId);
    }

    @Override
    public Standing standing(String episodeId) {
        SegmentClaims.Standing standing = segments.standing(jobInstanceId, episodeId);
        SegmentClaims.Failed failed = standing.failed();
        return failed == null
                ? new Standing(standing.takeable(), standing.takenLive(), null, null)
                : new Standing(
                        standing.takeable(),
                        standing.takenLive(),
                        failed.index(),
                        new Failure(
                                FailureKind.valueOf(failed.failure().kind()),
                                failed.failure().code(),
                                failed.failure().reason(),
                                failed.failure().wordErrorRate()));
    }

    @Override
    public Optional<Segment> takeElsewhere(List<String> refusedEpisodes) {
        return segments.takeElsewhere(jobInstanceId, hostId, refusedEpisodes)
                .map(taken -> new Segment(taken.episodeId(), taken.index(), taken.key()));
    }

    @Override
    public void done(String episodeId, int index, Spent spent) {
        segments.done(
                jobInstanceId, episodeId, index, hostId, new SegmentClaims.Spent(spent.attempts(), spent.usage()));
    }

    @Override
    public void failed(String episodeId, int index, Failure failure, Spent spent) {
        segments.failed(
                jobInstanceId,
                episodeId,
                index,
                hostId,
                new SegmentClaims.Failure(
                        failure.kind().name(), failure.code(), failure.reason(), failure.wordErrorRate()),
                new SegmentClaims.Spent(spent.attempts(), spent.usage()));
    }

    @Override
    public Spent spentByOtherHosts(String episodeId) {
        SegmentClaims.Spent spent = segments.spentByOthers(jobInstanceId, episodeId);
        return new Spent(spent.attempts(), spent.usage());
    }

    @Override
    public void release(String episodeId, int index) {
        segments.release(jobInstanceId, episodeId, index, hostId);
    }
}
