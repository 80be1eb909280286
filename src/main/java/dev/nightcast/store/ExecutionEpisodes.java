package dev.nightcast.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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
    public record Narrated(long episodes, long audioMillis) {}

    /** How long one episode of the execution took from its start to its row. */
    public record Timing(
            String episodeId,
            String title,
            EpisodeStatus status,
            Instant startedAt,
            Instant finishedAt,
            long durationMillis) {

        public long tookMillis() {
            return finishedAt.toEpochMilli() - startedAt.toEpochMilli();
        }
    }

    /**
     * A deployment whose published episodes were spoken by other model snapshots than this
     * execution's: the feed mixes voices.
     *
     * @param model the deployment (the {@code model} column)
     * @param now the snapshots that spoke this execution's episodes and that no earlier episode had
     * @param before the snapshots of the deployment's other published episodes
     * @param episodes how many other published episodes there are with a snapshot
     * @param mixed episodes of this execution whose segments were spoken by two snapshots or more
     *     (segments kept from an earlier narration, the rest narrated anew)
     */
    public record SnapshotChange(
            String model, List<String> now, List<String> before, long episodes, List<String> mixed) {}

    /** For each deployment this execution published with, a change of snapshot against its other episodes. */
    public List<SnapshotChange> snapshotChanges(long jobExecutionId) {
        Map<String, Set<String>> current = new TreeMap<>();
        Map<String, List<String>> mixed = new TreeMap<>();
        jdbc.sql("""
                SELECT model, model_snapshot, episode_id FROM episode
                WHERE status = :status AND job_execution_id = :execution AND model_snapshot IS NOT NULL
                ORDER BY episode_id""")
                .param("status", EpisodeStatus.DONE.name())
                .param("execution", jobExecutionId)
                .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .list()
                .forEach(row -> {
                    List<String> snapshots = List.of(row[1].split(","));
                    current.computeIfAbsent(row[0], model -> new TreeSet<>()).addAll(snapshots);
                    if (snapshots.size() > 1) {
                        mixed.computeIfAbsent(row[0], model -> new ArrayList<>())
                                .add(row[2]);
                    }
                });
        List<SnapshotChange> changes = new ArrayList<>();
        current.forEach((model, snapshots) -> {
            Set<String> before = new TreeSet<>();
            long[] episodes = {0};
            jdbc.sql("""
                    SELECT model_snapshot FROM episode
                    WHERE status = :status AND model = :model AND model_snapshot IS NOT NULL
                      AND (job_execution_id IS NULL OR job_execution_id <> :execution)""")
                    .param("status", EpisodeStatus.DONE.name())
                    .param("model", model)
                    .param("execution", jobExecutionId)
                    .query(String.class)
                    .list()
                    .forEach(snapshot -> {
                        before.addAll(List.of(snapshot.split(",")));
                        episodes[0]++;
                    });
            Set<String> now = new TreeSet<>(snapshots);
            now.removeAll(before);
            if (!before.isEmpty() && !now.isEmpty() || mixed.containsKey(model)) {
                changes.add(new SnapshotChange(
                        model,
                        List.copyOf(now.isEmpty() ? snapshots : now),
                        List.copyOf(before),
                        episodes[0],
                        mixed.getOrDefault(model, List.of())));
            }
        });
        return changes;
    }

    /** An episode the execution recorded as failed. */
    public record Failure(String episodeId, String source, String failureKind, String reason) {}

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
                .query((rs, row) -> new Timing(
                        rs.getString(1),
                        rs.getString(2),
                        EpisodeStatus.valueOf(rs.getString(3)),
                        instant(rs.getTimestamp(4)),
                        instant(rs.getTimestamp(5)),
                        rs.getLong(6)))
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
