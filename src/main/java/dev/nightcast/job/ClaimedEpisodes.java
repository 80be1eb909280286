package dev.nightcast.job;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;

import dev.nightcast.cluster.WorkerIdentity;
import dev.nightcast.narration.SegmentSharing;
import dev.nightcast.retry.OutageBreaker;
import dev.nightcast.script.ScriptEntry;
import dev.nightcast.store.EpisodeClaims;
import dev.nightcast.store.WorkerLeases;

/**
 * The cluster's {@link EpisodeSource}: the run's claim table, shared by the partitions of every
 * worker host (see docs/DESIGN.md, "Several hosts"). A worker claims the first entry in input order
 * that is queued or whose host's lease has passed; when none is left to claim but live hosts still
 * narrate, it does not end (one of them may die, and its claims would find nobody) but helps with
 * the segments of the episodes in flight on this host and on the others ({@link SegmentSharing}
 * over the run's {@link ClusterSegmentBoard}) and looks again every
 * {@code poll}. It ends when every entry is done, when its host leaves (SIGTERM), or when the run
 * is stopping.
 *
 * <p>The run's {@code max-cost} and {@code finish-by} are the manager's, applied to the claims of every
 * host at once ({@link EpisodeClaims#claim(long, long, String)}): an entry whose estimate would pass
 * the budget is left and a cheaper one after it claimed; when none fits and no claim is in flight
 * anywhere, or the deadline has passed, the worker stops ({@code STOPPED}, as in one process) and the
 * entries stay queued for the next run. While claims in flight may still make room, it waits as above.
 *
 * <p>Entries are known by their position in the input and their id: every host reads the input
 * from the shared volume, and a host whose input differs at a position refuses the entry rather
 * than narrate something else under its id. One instance per execution on a host; thread-safe (the
 * table does the exclusion).
 */
final class ClaimedEpisodes implements EpisodeSource {

    private static final Logger log = LoggerFactory.getLogger(ClaimedEpisodes.class);
    /** A short pause when the rows to claim were all being claimed by others at that moment. */
    private static final long CONTENDED_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final EpisodeClaims claims;
    private final WorkerLeases leases;
    private final WorkerIdentity host;
    private final long jobInstanceId;
    private final long jobExecutionId;
    private final List<ScriptEntry> entries;
    private final SegmentSharing sharing;
    private final OutageBreaker breaker;
    private final Duration poll;

    ClaimedEpisodes(
            EpisodeClaims claims,
            WorkerLeases leases,
            WorkerIdentity host,
            long jobInstanceId,
            long jobExecutionId,
            List<ScriptEntry> entries,
            SegmentSharing sharing,
            OutageBreaker breaker,
            Duration poll) {
        this.claims = claims;
        this.leases = leases;
        this.host = host;
        this.jobInstanceId = jobInstanceId;
        this.jobExecutionId = jobExecutionId;
        this.entries = List.copyOf(entries);
        this.sharing = sharing;
        this.breaker = breaker;
        this.poll = poll;
    }

    @Override
    public @Nullable Taken take(StepExecution worker) {
        while (true) {
            if (host.leaving() || worker.isTerminateOnly() || leases.executionStopping(jobExecutionId)) {
                return null;
            }
            breaker.checkClosed();
            EpisodeClaims.Claiming claiming = claims.claim(jobInstanceId, jobExecutionId, host.id());
            Optional<EpisodeClaims.Claim> claim = claiming.claim();
            if (claim.isPresent()) {
                return taken(claim.get());
            }
            if (claiming.limit() == EpisodeClaims.Limit.FINISH_BY || claiming.limit() == EpisodeClaims.Limit.MAX_COST) {
                log.info(
                        "The run's {} is reached: this worker claims no more episodes",
                        claiming.limit() == EpisodeClaims.Limit.FINISH_BY ? "finish-by" : "max-cost");
                worker.setTerminateOnly();
                return null;
            }
            EpisodeClaims.Standing standing = claims.standing(jobInstanceId);
            if (standing.allDone()) {
                return null;
            }
            if (!standing.nothingToClaim() && claiming.limit() != EpisodeClaims.Limit.MAX_COST_WAIT) {
                LockSupport.parkNanos(CONTENDED_NANOS);
                continue;
            }
            // Live hosts hold the rest (or their episodes in flight may make room in the budget): help
            // with the episodes in flight on this host, then with those of other hosts, then look again.
            long until = System.nanoTime() + poll.toNanos();
            BooleanSupplier stop = () -> breaker.isTripped() || host.leaving() || System.nanoTime() > until;
            sharing.helpWhileWorkRemains(stop);
            sharing.helpOtherHosts(stop);
            long left = until - System.nanoTime();
            if (left > 0) {
                LockSupport.parkNanos(left);
            }
        }
    }

    private Taken taken(EpisodeClaims.Claim claim) {
        ScriptEntry entry = claim.position() < entries.size() ? entries.get(claim.position()) : null;
        if (entry == null || !entry.id().equals(claim.entryId())) {
            claims.release(jobInstanceId, claim.position(), host.id());
            throw new IllegalStateException("The input this worker host reads differs from the manager's: entry "
                    + (claim.position() + 1) + " is '" + claim.entryId() + "' for the manager but "
                    + (entry == null ? "missing" : "'" + entry.id() + "'") + " here. Every host must see the same "
                    + "input folder (a shared volume); the entry is left for another host");
        }
        if (claim.claims() > 1) {
            log.info(
                    "Taking over entry {} ('{}'), claimed before by a worker host that is gone",
                    claim.position() + 1,
                    claim.entryId());
        }
        return new Taken(entry, claim.position());
    }

    @Override
    public void done(Taken taken) {
        claims.done(jobInstanceId, taken.position(), host.id());
    }

    @Override
    public void spent(String episodeId, BigDecimal cost) {
        claims.spent(jobInstanceId, episodeId, host.id(), cost);
    }

    @Override
    public void release(Taken taken) {
        claims.release(jobInstanceId, taken.position(), host.id());
    }
}
