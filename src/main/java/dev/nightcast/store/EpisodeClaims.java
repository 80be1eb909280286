package dev.nightcast.store;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code cluster_claim} table: a run's episodes as the worker hosts of a cluster take them (see
 * docs/DESIGN.md, "Several hosts"). An entry is QUEUED, then CLAIMED by one host, then DONE once its
 * episode row committed. A claim lives as long as its host's lease ({@link WorkerLeases}): the claim
 * of a host whose lease has passed is claimable again. Claiming uses {@code FOR UPDATE SKIP LOCKED},
 * so hosts claiming at the same moment never wait for each other nor take the same entry.
 *
 * <p>A run with {@code max-cost} or {@code finish-by} has a {@code cluster_budget} row for its
 * execution, written by the manager ({@link #limit}). Claiming then locks that row first, so claimers
 * on every host take their turn, and reserves the entry's estimate in the same transaction: what the
 * run has committed is what its claims reported spent plus the estimates of the claims live hosts
 * hold and have not yet settled ({@link #spent}). A lost host's reservations end with its lease.
 * PostgreSQL only (cluster mode refuses any other database).
 */
@Repository
public class EpisodeClaims {

    /**
     * An entry of the run: its position in the input, its id as written there and its expected cost
     * in USD (zero for one that costs nothing: invalid, or already published).
     */
    public record Entry(int position, String entryId, BigDecimal estimate) {

        public Entry(int position, String entryId) {
            this(position, entryId, BigDecimal.ZERO);
        }
    }

    /** What stops a claim within the run's limits. */
    public enum Limit {
        /** No limit in the way: a claim, or nothing claimable now ({@link #standing} says why). */
        NONE,
        /** The execution's {@code finish-by} has passed and entries are left: the worker stops. */
        FINISH_BY,
        /** Entries are left and none fits {@code max-cost} now, but claims in flight may make room: look again. */
        MAX_COST_WAIT,
        /** Entries are left, none fits {@code max-cost} and none is in flight: the run ends at its limit. */
        MAX_COST
    }

    /** A claim within the run's limits ({@link #claim(long, long, String)}): the entry, or what stopped it. */
    public record Claiming(Optional<Claim> claim, Limit limit) {}

    /** An entry not narrated, with its estimate, as the run ended. */
    public record Left(String entryId, BigDecimal estimate) {}

    /**
     * How an execution stood against its limits: {@code spent} is what its claims reported; {@code left}
     * the entries still claimable (queued, or held by a host that is gone), in input order.
     */
    public record LimitStanding(
            @Nullable BigDecimal maxCost,
            @Nullable Instant deadline,
            boolean deadlinePassed,
            BigDecimal spent,
            List<Left> left) {}

    private record Limits(@Nullable BigDecimal maxCost, boolean deadlinePassed) {}

    /** An entry claimed by a host; {@code claims} counts how often it was claimed (more than 1: taken over). */
    public record Claim(int position, String entryId, int claims) {}

    /** How a run's entries stand. */
    public record Standing(long queued, long claimedLive, long claimedExpired, long done) {

        /** Nothing left to claim now or later: every entry is done or held by a live host. */
        public boolean nothingToClaim() {
            return queued == 0 && claimedExpired == 0;
        }

        public boolean allDone() {
            return queued == 0 && claimedLive == 0 && claimedExpired == 0;
        }
    }

    private static final String LIVE = """
            EXISTS (SELECT 1 FROM cluster_worker w WHERE w.worker_id = c.worker_id AND w.lease_until > now())""";
    private static final String CLAIMABLE = "(c.state = 'QUEUED' OR (c.state = 'CLAIMED' AND NOT " + LIVE + "))";

    private final JdbcClient jdbc;

    public EpisodeClaims(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Queues the entries an execution of the run works on: every row of the run is replaced, except
     * the claims of hosts still alive (partitions of an execution the manager lost, still narrating),
     * which stay theirs until they finish.
     */
    @Transactional
    public void queue(long jobInstanceId, List<Entry> entries) {
        jdbc.sql("DELETE FROM cluster_claim c WHERE c.job_instance_id = :instance AND NOT (c.state = 'CLAIMED' AND "
                        + LIVE + ")")
                .param("instance", jobInstanceId)
                .update();
        for (Entry entry : entries) {
            jdbc.sql("""
                    INSERT INTO cluster_claim (job_instance_id, position, entry_id, state, estimate)
                    VALUES (:instance, :position, :entry, 'QUEUED', :estimate) ON CONFLICT DO NOTHING""")
                    .param("instance", jobInstanceId)
                    .param("position", entry.position())
                    .param("entry", entry.entryId())
                    .param("estimate", entry.estimate())
                    .update();
        }
    }

    /**
     * The limits of an execution, set by its manager as it starts: its {@code max-cost} and the one
     * {@code finish-by} instant of the whole run ({@code null}: none). Not called for a run without limits.
     */
    public void limit(
            long jobExecutionId, long jobInstanceId, @Nullable BigDecimal maxCost, @Nullable Instant deadline) {
        jdbc.sql("""
                INSERT INTO cluster_budget (job_execution_id, job_instance_id, max_cost, deadline)
                VALUES (:execution, :instance, :max, :deadline) ON CONFLICT DO NOTHING""")
                .param("execution", jobExecutionId)
                .param("instance", jobInstanceId)
                .param("max", maxCost, Types.NUMERIC)
                .param(
                        "deadline",
                        deadline == null ? null : OffsetDateTime.ofInstant(deadline, ZoneOffset.UTC),
                        Types.TIMESTAMP_WITH_TIMEZONE)
                .update();
    }

    /** Claims the first entry, in input order, that is queued or whose host's lease has passed; no limits. */
    public Optional<Claim> claim(long jobInstanceId, String workerId) {
        return claimFirst(jobInstanceId, workerId, null);
    }

    /**
     * Claims for execution {@code jobExecutionId} the first entry, in input order, that is claimable and
     * within its limits: none once its {@code finish-by} has passed; with {@code max-cost}, the first
     * whose estimate fits what is left of the budget (one that would pass it is left, cheaper ones after
     * it go on), its estimate reserved. The execution's budget row is locked for the transaction, so
     * claimers on several hosts reserve one after the other and never together pass the budget.
     */
    @Transactional
    public Claiming claim(long jobInstanceId, long jobExecutionId, String workerId) {
        Optional<Limits> limits = jdbc.sql("""
                SELECT max_cost, (deadline IS NOT NULL AND deadline <= now()) AS passed
                FROM cluster_budget WHERE job_execution_id = :execution FOR UPDATE""")
                .param("execution", jobExecutionId)
                .query((rs, row) -> new Limits(rs.getBigDecimal("max_cost"), rs.getBoolean("passed")))
                .optional();
        if (limits.isEmpty()) {
            return new Claiming(claimFirst(jobInstanceId, workerId, null), Limit.NONE);
        }
        if (limits.get().deadlinePassed()) {
            return new Claiming(Optional.empty(), anyClaimable(jobInstanceId) ? Limit.FINISH_BY : Limit.NONE);
        }
        BigDecimal max = limits.get().maxCost();
        if (max == null) {
            return new Claiming(claimFirst(jobInstanceId, workerId, null), Limit.NONE);
        }
        Optional<Claim> claim = claimFirst(jobInstanceId, workerId, max.subtract(committed(jobInstanceId)));
        if (claim.isPresent()) {
            return new Claiming(claim, Limit.NONE);
        }
        if (!anyClaimable(jobInstanceId)) {
            return new Claiming(claim, Limit.NONE);
        }
        return new Claiming(claim, standing(jobInstanceId).claimedLive() > 0 ? Limit.MAX_COST_WAIT : Limit.MAX_COST);
    }

    /** @param room what is left of the budget, or {@code null} for no budget */
    private Optional<Claim> claimFirst(long jobInstanceId, String workerId, @Nullable BigDecimal room) {
        return jdbc.sql("""
                UPDATE cluster_claim SET state = 'CLAIMED', worker_id = :worker, claims = claims + 1, reserved = TRUE
                WHERE job_instance_id = :instance AND position = (
                    SELECT c.position FROM cluster_claim c
                    WHERE c.job_instance_id = :instance AND %s
                      AND (CAST(:room AS NUMERIC) IS NULL OR c.estimate = 0 OR c.estimate <= CAST(:room AS NUMERIC))
                    ORDER BY c.position LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING position, entry_id, claims""".formatted(CLAIMABLE))
                .param("instance", jobInstanceId)
                .param("worker", workerId)
                .param("room", room, Types.NUMERIC)
                .query((rs, row) -> new Claim(rs.getInt("position"), rs.getString("entry_id"), rs.getInt("claims")))
                .optional();
    }

    /** What the run has committed: what its claims reported spent, and the estimates live hosts hold unsettled. */
    private BigDecimal committed(long jobInstanceId) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(c.spent), 0)
                     + COALESCE(SUM(CASE WHEN c.state = 'CLAIMED' AND c.reserved AND %s THEN c.estimate ELSE 0 END), 0)
                FROM cluster_claim c WHERE c.job_instance_id = :instance""".formatted(LIVE))
                .param("instance", jobInstanceId)
                .query(BigDecimal.class)
                .single();
    }

    private boolean anyClaimable(long jobInstanceId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM cluster_claim c WHERE c.job_instance_id = :instance AND "
                        + CLAIMABLE + ")")
                .param("instance", jobInstanceId)
                .query(Boolean.class)
                .single();
    }

    /**
     * What the episode of a claimed entry cost, as its worker reported it: added to what the run spent,
     * and its reservation ends. A claim gone to another host in the meantime is not touched.
     */
    public void spent(long jobInstanceId, String entryId, String workerId, BigDecimal cost) {
        jdbc.sql("""
                UPDATE cluster_claim SET spent = spent + :cost, reserved = FALSE
                WHERE job_instance_id = :instance AND position = (
                    SELECT MIN(c.position) FROM cluster_claim c
                    WHERE c.job_instance_id = :instance AND c.entry_id = :entry AND c.worker_id = :worker
                      AND c.state = 'CLAIMED' AND c.reserved)""")
                .param("instance", jobInstanceId)
                .param("entry", entryId)
                .param("worker", workerId)
                .param("cost", cost)
                .update();
    }

    /** How the execution stood against its limits as it ended; empty for a run without limits. */
    public Optional<LimitStanding> limitStanding(long jobInstanceId, long jobExecutionId) {
        return jdbc.sql("""
                SELECT max_cost, deadline, (deadline IS NOT NULL AND deadline <= now()) AS passed
                FROM cluster_budget WHERE job_execution_id = :execution""")
                .param("execution", jobExecutionId)
                .query((rs, row) -> {
                    OffsetDateTime deadline = rs.getObject("deadline", OffsetDateTime.class);
                    return new LimitStanding(
                            rs.getBigDecimal("max_cost"),
                            deadline == null ? null : deadline.toInstant(),
                            rs.getBoolean("passed"),
                            spentBy(jobInstanceId),
                            left(jobInstanceId));
                })
                .optional();
    }

    private BigDecimal spentBy(long jobInstanceId) {
        return jdbc.sql("SELECT COALESCE(SUM(spent), 0) FROM cluster_claim WHERE job_instance_id = :instance")
                .param("instance", jobInstanceId)
                .query(BigDecimal.class)
                .single();
    }

    private List<Left> left(long jobInstanceId) {
        return jdbc.sql("SELECT c.entry_id, c.estimate FROM cluster_claim c WHERE c.job_instance_id = :instance AND "
                        + CLAIMABLE + " ORDER BY c.position")
                .param("instance", jobInstanceId)
                .query((rs, row) -> new Left(rs.getString("entry_id"), rs.getBigDecimal("estimate")))
                .list();
    }

    /** The claimed entry's episode committed (narrated, skipped, failed or invalid): nobody takes it again. */
    public void done(long jobInstanceId, int position, String workerId) {
        jdbc.sql("""
                UPDATE cluster_claim SET state = 'DONE'
                WHERE job_instance_id = :instance AND position = :position AND worker_id = :worker""")
                .param("instance", jobInstanceId)
                .param("position", position)
                .param("worker", workerId)
                .update();
    }

    /** Gives a claimed entry back unfinished (its worker stopped or failed before its row committed). */
    public void release(long jobInstanceId, int position, String workerId) {
        jdbc.sql("""
                UPDATE cluster_claim SET state = 'QUEUED', worker_id = NULL
                WHERE job_instance_id = :instance AND position = :position AND worker_id = :worker
                  AND state = 'CLAIMED'""")
                .param("instance", jobInstanceId)
                .param("position", position)
                .param("worker", workerId)
                .update();
    }

    public Standing standing(long jobInstanceId) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(CASE WHEN c.state = 'QUEUED' THEN 1 ELSE 0 END), 0) AS queued,
                       COALESCE(SUM(CASE WHEN c.state = 'CLAIMED' AND %1$s THEN 1 ELSE 0 END), 0) AS live,
                       COALESCE(SUM(CASE WHEN c.state = 'CLAIMED' AND NOT %1$s THEN 1 ELSE 0 END), 0) AS expired,
                       COALESCE(SUM(CASE WHEN c.state = 'DONE' THEN 1 ELSE 0 END), 0) AS done
                FROM cluster_claim c WHERE c.job_instance_id = :instance""".formatted(LIVE))
                .param("instance", jobInstanceId)
                .query((rs, row) -> new Standing(
                        rs.getLong("queued"), rs.getLong("live"), rs.getLong("expired"), rs.getLong("done")))
                .single();
    }
}
