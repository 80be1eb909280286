package dev.nightcast.store;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import dev.nightcast.realtime.TokenUsage;

/**
 * The {@code cluster_segment} table: the segments of the episodes in flight on every worker host of a
 * cluster, so that idle workers of any host help with them at the end of a run (see docs/DESIGN.md,
 * "Several hosts"). The host that owns an episode publishes its segments; its workers take them from
 * the front, helpers of any host from the back. A segment is QUEUED, then TAKEN by a host for as long
 * as that host's lease ({@link WorkerLeases}) lives (the segment of a host whose lease has passed is
 * takeable again), then DONE or FAILED. Taking uses {@code FOR UPDATE SKIP LOCKED}, like
 * {@link EpisodeClaims}: hosts taking at once never wait for each other nor get the same segment.
 * PostgreSQL only.
 */
@Repository
public class SegmentClaims {

    /** A segment taken by a helper: its episode, its place in the owner's narration order and its key. */
    public record Taken(String episodeId, int index, String key) {}

    /** Why a segment failed, as the owner reports it. */
    public record Failure(
            String kind,
            String code,
            String reason,
            @Nullable Double wordErrorRate) {}

    /** The earliest failed segment of an episode, in the owner's order. */
    public record Failed(int index, Failure failure) {}

    /**
     * How an episode's segments stand for its owner.
     *
     * @param takeable queued, or held by a host whose lease has passed
     * @param takenLive held by live hosts (this one included)
     * @param failed the earliest failed segment, or null
     */
    public record Standing(
            long takeable, long takenLive, @Nullable Failed failed) {}

    private static final String LIVE_WORKER = """
            EXISTS (SELECT 1 FROM cluster_worker w WHERE w.worker_id = s.worker_id AND w.lease_until > now())""";
    private static final String LIVE_OWNER = """
            EXISTS (SELECT 1 FROM cluster_worker w WHERE w.worker_id = s.owner_id AND w.lease_until > now())""";
    private static final String TAKEABLE = "(s.state = 'QUEUED' OR (s.state = 'TAKEN' AND NOT " + LIVE_WORKER + "))";

    private static final String SPENT_COLUMNS = """
            attempts = :attempts, input_tokens = :inputTokens, output_tokens = :outputTokens,
            input_text_tokens = :inputTextTokens, input_audio_tokens = :inputAudioTokens,
            output_text_tokens = :outputTextTokens, output_audio_tokens = :outputAudioTokens""";
    private static final String FAILED_EPISODE = """
            EXISTS (SELECT 1 FROM cluster_segment f WHERE f.job_instance_id = s.job_instance_id
                    AND f.episode_id = s.episode_id AND f.state = 'FAILED')""";

    private final JdbcClient jdbc;

    public SegmentClaims(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The owner publishes its episode's segments, by their keys in its narration order, all QUEUED.
     * Replaces what an earlier owner (a host that is gone) published for the episode, except the
     * segments live helpers still narrate: those stay theirs (the new owner waits for them rather
     * than narrate the same segment into the same files at once).
     */
    @Transactional
    public void publish(long jobInstanceId, String episodeId, String ownerId, List<String> keys) {
        jdbc.sql("DELETE FROM cluster_segment s WHERE s.job_instance_id = :instance AND s.episode_id = :episode"
                        + " AND NOT (s.state = 'TAKEN' AND " + LIVE_WORKER + ")")
                .param("instance", jobInstanceId)
                .param("episode", episodeId)
                .update();
        jdbc.sql("UPDATE cluster_segment SET owner_id = :owner WHERE job_instance_id = :instance"
                        + " AND episode_id = :episode")
                .param("instance", jobInstanceId)
                .param("episode", episodeId)
                .param("owner", ownerId)
                .update();
        for (int index = 0; index < keys.size(); index++) {
            jdbc.sql("""
                    INSERT INTO cluster_segment (job_instance_id, episode_id, segment_index, segment_key, owner_id, state)
                    VALUES (:instance, :episode, :index, :key, :owner, 'QUEUED') ON CONFLICT DO NOTHING""")
                    .param("instance", jobInstanceId)
                    .param("episode", episodeId)
                    .param("index", index)
                    .param("key", keys.get(index))
                    .param("owner", ownerId)
                    .update();
        }
    }

    /** The owner is done with the episode (assembled, failed or given up): its segments leave the table. */
    public void withdraw(long jobInstanceId, String episodeId) {
        jdbc.sql("DELETE FROM cluster_segment WHERE job_instance_id = :instance AND episode_id = :episode")
                .param("instance", jobInstanceId)
                .param("episode", episodeId)
                .update();
    }

    /**
     * Takes a takeable segment of the episode for {@code workerId}: the first in the owner's order
     * (the owner) or the last (a helper). None once a segment of the episode failed, wherever.
     */
    public OptionalInt take(long jobInstanceId, String episodeId, String workerId, boolean fromBack) {
        return jdbc.sql("""
                UPDATE cluster_segment SET state = 'TAKEN', worker_id = :worker
                WHERE job_instance_id = :instance AND episode_id = :episode AND segment_index = (
                    SELECT s.segment_index FROM cluster_segment s
                    WHERE s.job_instance_id = :instance AND s.episode_id = :episode AND %s AND NOT %s
                    ORDER BY s.segment_index %s LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING segment_index""".formatted(TAKEABLE, FAILED_EPISODE, fromBack ? "DESC" : "ASC"))
                .param("instance", jobInstanceId)
                .param("episode", episodeId)
                .param("worker", workerId)
                .query(Integer.class)
                .optional()
                .map(OptionalInt::of)
                .orElseGet(OptionalInt::empty);
    }

    /**
     * Takes a segment of an episode another live host owns, for a helper of {@code workerId}: from the
     * back of the episode with the most segments queued, never of an episode with a failed segment
     * nor of one in {@code refused}.
     */
    public Optional<Taken> takeElsewhere(long jobInstanceId, String workerId, List<String> refused) {
        return jdbc.sql("""
                UPDATE cluster_segment SET state = 'TAKEN', worker_id = :worker
                WHERE (job_instance_id, episode_id, segment_index) = (
                    SELECT s.job_instance_id, s.episode_id, s.segment_index FROM cluster_segment s
                    WHERE s.job_instance_id = :instance AND s.owner_id <> :worker AND %s AND %s
                      AND s.episode_id NOT IN (:refused)
                      AND NOT %s
                    ORDER BY (SELECT COUNT(*) FROM cluster_segment q WHERE q.job_instance_id = s.job_instance_id
                                AND q.episode_id = s.episode_id AND q.state = 'QUEUED') DESC,
                             s.episode_id, s.segment_index DESC
                    LIMIT 1 FOR UPDATE OF s SKIP LOCKED)
                RETURNING episode_id, segment_index, segment_key""".formatted(TAKEABLE, LIVE_OWNER, FAILED_EPISODE))
                .param("instance", jobInstanceId)
                .param("worker", workerId)
                // An empty IN list is no SQL; no episode has an empty id.
                .param("refused", refused.isEmpty() ? List.of("") : refused)
                .query((rs, row) ->
                        new Taken(rs.getString("episode_id"), rs.getInt("segment_index"), rs.getString("segment_key")))
                .optional();
    }

    /** What a host spent on a segment: gateway calls and the tokens of every reading. */
    public record Spent(int attempts, TokenUsage usage) {}

    /** The segment the host took is kept in the episode's segment folder; {@code spent} on it. */
    public void done(long jobInstanceId, String episodeId, int index, String workerId, Spent spent) {
        JdbcClient.StatementSpec update = jdbc.sql("""
                UPDATE cluster_segment SET state = 'DONE', %s
                WHERE job_instance_id = :instance AND episode_id = :episode AND segment_index = :index
                  AND worker_id = :worker AND state = 'TAKEN'""".formatted(SPENT_COLUMNS))
                .param("instance", jobInstanceId)
                .param("episode", episodeId)
                .param("index", index)
                .param("worker", workerId);
        spent(update, spent).update();
    }

    /** The segment the host took failed: the episode fails with it, and nobody takes another of its segments. */
    public void failed(long jobInstanceId, String episodeId, int index, String workerId, Failure failure, Spent spent) {
        JdbcClient.StatementSpec update = jdbc.sql("""
                UPDATE cluster_segment SET state = 'FAILED', failure_kind = :kind, failure_code = :code,
                       failure_reason = :reason, word_error_rate = :wer, %s
                WHERE job_instance_id = :instance AND episode_id = :episode AND segment_index = :index
                  AND worker_id = :worker AND state = 'TAKEN'""".formatted(SPENT_COLUMNS))
                .param("instance", jobInstanceId)
                .param("episode", episodeId)
                .param("index", index)
                .param("worker", workerId)
                .param("kind", failure.kind())
                .param("code", failure.code())
                // The column's width; the reason is a message for the operator, its head is what matters.
                .param(
                        "reason",
                        failure.reason().length() > 4000 ? failure.reason().substring(0, 4000) : failure.reason())
                .param("wer", failure.wordErrorRate());
        spent(update, spent).update();
    }

    /** What hosts other than the episode's owner spent on its segments they finished (done or failed). */
    public Spent spentByOthers(long jobInstanceId, String episodeId) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(attempts), 0) AS attempts, COALESCE(SUM(input_tokens), 0) AS input_tokens,
                       COALESCE(SUM(output_tokens), 0) AS output_tokens,
                       COALESCE(SUM(input_text_tokens), 0) AS input_text_tokens,
                       COALESCE(SUM(input_audio_tokens), 0) AS input_audio_tokens,
                       COALESCE(SUM(output_text_tokens), 0) AS output_text_tokens,
                       COALESCE(SUM(output_audio_tokens), 0) AS output_audio_tokens
                FROM cluster_segment
                WHERE job_instance_id = :instance AND episode_id = :episode AND state IN ('DONE', 'FAILED')
                  AND worker_id <> owner_id""")
                .param("instance", jobInstanceId)
                .param("episode", episodeId)
                .query((rs, row) -> new Spent(
                        rs.getInt("attempts"),
                        new TokenUsage(
                                rs.getLong("input_tokens"),
                                rs.getLong("output_tokens"),
                                rs.getLong("input_text_tokens"),
                                rs.getLong("input_audio_tokens"),
                                rs.getLong("output_text_tokens"),
                                rs.getLong("output_audio_tokens"))))
                .single();
    }

    private static JdbcClient.StatementSpec spent(JdbcClient.StatementSpec statement, Spent spent) {
        TokenUsage usage = spent.usage();
        return statement
                .param("attempts", spent.attempts())
                .param("inputTokens", usage.inputTokens())
                .param("outputTokens", usage.outputTokens())
                .param("inputTextTokens", usage.inputTextTokens())
                .param("inputAudioTokens", usage.inputAudioTokens())
                .param("outputTextTokens", usage.outputTextTokens())
                .param("outputAudioTokens", usage.outputAudioTokens());
    }

    /** Gives a taken segment back unfinished (its host cannot narrate it now). */
    public void release(long jobInstanceId, String episodeId, int index, String workerId) {
        jdbc.sql("""
                UPDATE cluster_segment SET state = 'QUEUED', worker_id = NULL
                WHERE job_instance_id = :instance AND episode_id = :episode AND segment_index = :index
                  AND worker_id = :worker AND state = 'TAKEN'""")
                .param("instance", jobInstanceId)
                .param("episode", episodeId)
                .param("index", index)
                .param("worker", workerId)
                .update();
    }

    /** Segments of the episode nobody holds: queued, or held by a host whose lease has passed. */
    public int takeable(long jobInstanceId, String episodeId) {
        return jdbc.sql("SELECT COUNT(*) FROM cluster_segment s WHERE s.job_instance_id = :instance"
                        + " AND s.episode_id = :episode AND " + TAKEABLE)
                .param("instance", jobInstanceId)
                .param("episode", episodeId)
                .query(Integer.class)
                .single();
    }

    public Standing standing(long jobInstanceId, String episodeId) {
        record Counts(long takeable, long takenLive) {}
        Counts counts = jdbc.sql("""
                SELECT COALESCE(SUM(CASE WHEN %s THEN 1 ELSE 0 END), 0) AS takeable,
                       COALESCE(SUM(CASE WHEN s.state = 'TAKEN' AND %s THEN 1 ELSE 0 END), 0) AS taken_live
                FROM cluster_segment s WHERE s.job_instance_id = :instance AND s.episode_id = :episode""".formatted(TAKEABLE, LIVE_WORKER))
                .param("instance", jobInstanceId)
                .param("episode", episodeId)
                .query((rs, row) -> new Counts(rs.getLong("takeable"), rs.getLong("taken_live")))
                .single();
        Failed failed = jdbc.sql("""
                SELECT segment_index, failure_kind, failure_code, failure_reason, word_error_rate FROM cluster_segment
                WHERE job_instance_id = :instance AND episode_id = :episode AND state = 'FAILED'
                ORDER BY segment_index LIMIT 1""")
                .param("instance", jobInstanceId)
                .param("episode", episodeId)
                .query((rs, row) -> new Failed(
                        rs.getInt("segment_index"),
                        new Failure(
                                rs.getString("failure_kind"),
                                rs.getString("failure_code"),
                                rs.getString("failure_reason"),
                                rs.getObject("word_error_rate", Double.class))))
                .optional()
                .orElse(null);
        return new Standing(counts.takeable(), counts.takenLive(), failed);
    }
}
