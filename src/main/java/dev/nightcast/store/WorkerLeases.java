package dev.nightcast.store;

import java.time.Duration;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code cluster_worker} and {@code cluster_partition} tables: which worker hosts are alive (a
 * lease their heartbeat renews, in the database's clock so that hosts' clocks do not matter) and
 * which host runs which partition. A partition, like a claim, lives as long as its host's lease.
 * PostgreSQL only.
 */
@Repository
public class WorkerLeases {

    private static final String LIVE = """
            EXISTS (SELECT 1 FROM cluster_worker w WHERE w.worker_id = p.worker_id AND w.lease_until > now())""";

    private final JdbcClient jdbc;

    public WorkerLeases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Extends the host's lease to {@code lease} from now (creates it the first time). */
    public void renew(String workerId, Duration lease) {
        jdbc.sql("""
                INSERT INTO cluster_worker (worker_id, lease_until)
                VALUES (:worker, now() + :millis * INTERVAL '1 millisecond')
                ON CONFLICT (worker_id) DO UPDATE SET lease_until = EXCLUDED.lease_until""")
                .param("worker", workerId)
                .param("millis", lease.toMillis())
                .update();
    }

    /** The host leaves: its lease ends now (its claims are free for others at once). */
    public void end(String workerId) {
        jdbc.sql("DELETE FROM cluster_worker WHERE worker_id = :worker")
                .param("worker", workerId)
                .update();
    }

    /**
     * Takes a partition for the host, unless a live host has it already (a message delivered twice).
     *
     * @return whether this host now runs it
     */
    public boolean takePartition(long stepExecutionId, long jobExecutionId, String workerId) {
        int taken = jdbc.sql("""
                INSERT INTO cluster_partition AS p (step_execution_id, job_execution_id, worker_id)
                VALUES (:step, :job, :worker)
                ON CONFLICT (step_execution_id) DO UPDATE SET worker_id = EXCLUDED.worker_id
                WHERE NOT %s""".formatted(LIVE))
                .param("step", stepExecutionId)
                .param("job", jobExecutionId)
                .param("worker", workerId)
                .update();
        return taken == 1;
    }

    /** Whether a live host runs the partition. */
    public boolean isLive(long stepExecutionId) {
        return jdbc.sql("SELECT COUNT(*) FROM cluster_partition p WHERE p.step_execution_id = :step AND " + LIVE)
                        .param("step", stepExecutionId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** The partitions among {@code stepExecutionIds} that a host took and whose lease has passed. */
    public List<Long> lost(List<Long> stepExecutionIds) {
        if (stepExecutionIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT p.step_execution_id FROM cluster_partition p WHERE p.step_execution_id IN (:steps) "
                        + "AND NOT " + LIVE)
                .param("steps", stepExecutionIds)
                .query(Long.class)
                .list();
    }

    /**
     * Whether the manager asked the execution to stop (SIGTERM to the manager: {@code STOPPING}, then
     * {@code STOPPED}). Spring Batch tells a worker so when it commits a chunk; a worker waiting for
     * claims commits none, so it asks here.
     */
    public boolean executionStopping(long jobExecutionId) {
        return jdbc.sql("SELECT COUNT(*) FROM batch_job_execution WHERE job_execution_id = :id AND status IN "
                                + "('STOPPING', 'STOPPED')")
                        .param("id", jobExecutionId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Whether a live host runs a partition that has not ended, of any execution: then the output
     * folder holds its work files, and a manager starting up must not clean them away.
     */
    public boolean anyLivePartitionRunning() {
        return jdbc.sql("""
                SELECT COUNT(*) FROM cluster_partition p
                JOIN batch_step_execution s ON s.step_execution_id = p.step_execution_id
                WHERE s.status IN ('STARTING', 'STARTED', 'STOPPING') AND %s""".formatted(LIVE)).query(Long.class).single() > 0;
    }

    /** The partitions among {@code stepExecutionIds} that no host has taken yet. */
    public List<Long> untaken(List<Long> stepExecutionIds) {
        if (stepExecutionIds.isEmpty()) {
            return List.of();
        }
        List<Long> taken = jdbc.sql(
                        "SELECT step_execution_id FROM cluster_partition WHERE step_execution_id IN (:steps)")
                .param("steps", stepExecutionIds)
                .query(Long.class)
                .list();
        return stepExecutionIds.stream().filter(id -> !taken.contains(id)).toList();
    }
}
