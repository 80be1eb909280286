package dev.nightcast.store;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code cluster_claim} table: a run's episodes as the worker hosts of a cluster take them (see
 * docs/DESIGN.md, "Several hosts"). An entry is QUEUED, then CLAIMED by one host, then DONE once its
 * episode row committed. A claim lives as long as its host's lease ({@link WorkerLeases}): the claim
 * of a host whose lease has passed is claimable again. Claiming uses {@code FOR UPDATE SKIP LOCKED},
 * so hosts claiming at the same moment never wait for each other nor take the same entry.
 * PostgreSQL only (cluster mode refuses any other database).
 */
@Repository
public class EpisodeClaims {

    /** An entry of the run: its position in the input and its id as written there. */
    public record Entry(int position, String entryId) {}

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
                    INSERT INTO cluster_claim (job_instance_id, position, entry_id, state)
                    VALUES (:instance, :position, :entry, 'QUEUED') ON CONFLICT DO NOTHING""")
                    .param("instance", jobInstanceId)
                    .param("position", entry.position())
                    .param("entry", entry.entryId())
                    .update();
        }
    }

    /** Claims the first entry, in input order, that is queued or whose host's lease has passed. */
    public Optional<Claim> claim(long jobInstanceId, String workerId) {
        return jdbc.sql("""
                UPDATE cluster_claim SET state = 'CLAIMED', worker_id = :worker, claims = claims + 1
                WHERE job_instance_id = :instance AND position = (
                    SELECT c.position FROM cluster_claim c
                    WHERE c.job_instance_id = :instance
                      AND (c.state = 'QUEUED' OR (c.state = 'CLAIMED' AND NOT %s))
                    ORDER BY c.position LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING position, entry_id, claims""".formatted(LIVE))
                .param("instance", jobInstanceId)
                .param("worker", workerId)
                .query((rs, row) -> new Claim(rs.getInt("position"), rs.getString("entry_id"), rs.getInt("claims")))
                .optional();
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
