package dev.nightcast.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Episodes whose latest status is FAILED, whichever run recorded it: what {@code only-failed=true}
 * narrates and the {@code failed} command lists. An episode narrated successfully since is no
 * longer among them (its row says DONE).
 */
@Repository
public class FailedEpisodes {

    private final JdbcClient jdbc;

    public FailedEpisodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One failed episode as its row records it. */
    public record FailedEpisode(
            String episodeId,
            @Nullable String title,
            String source,
            String failureKind,
            @Nullable String reason,
            int attempts,
            long jobExecutionId,
            @Nullable Instant failedAt) {}

    public Set<String> ids() {
        return new TreeSet<>(jdbc.sql("SELECT episode_id FROM episode WHERE status = :status")
                .param("status", EpisodeStatus.FAILED.name())
                .query(String.class)
                .list());
    }

    /** Every failed episode, oldest failure first. */
    public List<FailedEpisode> list() {
        return jdbc.sql("""
                SELECT episode_id, title, source, failure_kind, failure_reason, attempts, job_execution_id, updated_at
                FROM episode WHERE status = :status ORDER BY updated_at, episode_id""")
                .param("status", EpisodeStatus.FAILED.name())
                .query((rs, row) -> new FailedEpisode(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getInt(6),
                        rs.getLong(7),
                        instant(rs.getTimestamp(8))))
                .list();
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
