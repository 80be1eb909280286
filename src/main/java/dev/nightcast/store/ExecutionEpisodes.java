package dev.nightcast.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code episode} rows one job execution wrote, as its run summary counts them: an episode
 * belongs to the execution that wrote its row last.
 */
@Repository
public class ExecutionEpisodes {

    private final JdbcClient jdbc;

    public ExecutionEpisodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Episodes the execution published, and the length of their audio. */
    public record Narrated(long episodes, long audioMillis) {
    }

    /** How long one episode of the execution took from its start to its row. */
    public record Timing(String episodeId, String title, EpisodeStatus status, Instant startedAt, Instant finishedAt,
            long durationMillis) {

        public long tookMillis() {
            return finishedAt.toEpochMilli() - startedAt.toEpochMilli();
        }
    }

    /** An episode the execution recorded as failed. */
    public record Failure(String episodeId, String source, String failureKind, String reason) {
    }

    public Narrated narrated(long jobExecutionId) {
        return jdbc.sql("""
                SELECT COUNT(*), COALESCE(SUM(duration_ms), 0) FROM episode
                WHERE status = :status AND job_execution_id = :execution""")
                .param("status", EpisodeStatus.DONE.name())
                .param("execution", jobExecutionId)
                .query((rs, row) -> new Narrated(rs.getLong(1), rs.getLong(2)))
                .single();
    }

    public long failed(long jobExecutionId) {
        return jdbc.sql("SELECT COUNT(*) FROM episode WHERE status = :status AND job_execution_id = :execution")
                .param("status", EpisodeStatus.FAILED.name())
                .param("execution", jobExecutionId)
                .query(Long.class)
                .single();
    }

    /** Every episode of the execution with a start and an end, in no particular order. */
    public List<Timing> timings(long jobExecutionId) {
        // Not sorted by duration here: timestamp arithmetic is not portable between H2 and PostgreSQL.
        return jdbc.sql("""
                SELECT episode_id, title, status, started_at, finished_at, duration_ms FROM episode
                WHERE job_execution_id = :execution AND started_at IS NOT NULL AND finished_at IS NOT NULL""")
                .param("execution", jobExecutionId)
                .query((rs, row) -> new Timing(rs.getString(1), rs.getString(2), EpisodeStatus.valueOf(rs.getString(3)),
                        instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)), rs.getLong(6)))
                .list();
    }

    /** The episodes the execution recorded as failed, by id. */
    public List<Failure> failures(long jobExecutionId) {
        return jdbc.sql("""
                SELECT episode_id, source, failure_kind, failure_reason FROM episode
                WHERE status = :status AND job_execution_id = :execution ORDER BY episode_id""")
                .param("status", EpisodeStatus.FAILED.name())
                .param("execution", jobExecutionId)
                .query((rs, row) -> new Failure(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp.toInstant();
    }
}
