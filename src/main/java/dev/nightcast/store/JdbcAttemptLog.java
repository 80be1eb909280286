package dev.nightcast.store;

import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.nightcast.narration.AttemptLog;
import dev.nightcast.realtime.RealtimeException;

/**
 * Writes one {@code episode_attempt} row per gateway call, in its own auto-committed statement:
 * attempts are facts about money spent and must survive the episode's rollback. A completed
 * response whose reading failed the fidelity check is {@code REJECTED}, with the reason; a call the
 * gateway throttled is {@code THROTTLED}, with the wait before the next call (it does not count
 * against {@code max-attempts}). The narrator logs each call; this class only stores it, under the
 * job execution it was made for.
 */
public class JdbcAttemptLog implements AttemptLog {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final long jobExecutionId;

    public JdbcAttemptLog(JdbcClient jdbc, Clock clock, long jobExecutionId) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.jobExecutionId = jobExecutionId;
    }

    @Override
    public void succeeded(
            String episodeId, int segmentIndex, int attempt, Duration duration, @Nullable String deployment) {
        insert(episodeId, segmentIndex, attempt, "SUCCEEDED", null, null, null, duration, deployment);
    }

    @Override
    public void failed(String episodeId, int segmentIndex, int attempt, Duration duration, RealtimeException failure) {
        insert(
                episodeId,
                segmentIndex,
                attempt,
                "FAILED",
                failure.kind().recordedAs(),
                failure.code(),
                failure.getMessage(),
                duration,
                failure.deployment());
    }

    @Override
    public void throttled(
            String episodeId,
            int segmentIndex,
            int attempt,
            Duration duration,
            RealtimeException throttling,
            Duration wait) {
        boolean asked = throttling.retryAfter().filter(wait::equals).isPresent();
        insert(
                episodeId,
                segmentIndex,
                attempt,
                "THROTTLED",
                throttling.kind().recordedAs(),
                throttling.code(),
                throttling.getMessage() + " (tried again after " + wait.toMillis() + " ms"
                        + (asked ? ", as Retry-After asked" : "") + ")",
                duration,
                throttling.deployment());
    }

    @Override
    public void rejected(
            String episodeId,
            int segmentIndex,
            int attempt,
            Duration duration,
            String reason,
            @Nullable String deployment) {
        insert(episodeId, segmentIndex, attempt, "REJECTED", "FIDELITY", "fidelity", reason, duration, deployment);
    }

    private void insert(
            String episodeId,
            int segmentIndex,
            int attempt,
            String outcome,
            @Nullable String kind,
            @Nullable String code,
            @Nullable String message,
            Duration duration,
            @Nullable String deployment) {
        jdbc.sql("""
                INSERT INTO episode_attempt (episode_id, job_execution_id, segment_index, attempt, outcome,
                  error_kind, error_code, message, duration_ms, created_at, deployment)
                VALUES (:episodeId, :execution, :segment, :attempt, :outcome, :kind, :code, :message, :durationMs,
                  :createdAt, :deployment)""")
                .param("episodeId", episodeId)
                .param("execution", jobExecutionId)
                .param("segment", segmentIndex)
                .param("attempt", attempt)
                .param("outcome", outcome)
                .param("kind", kind)
                .param("code", EpisodeRepository.truncate(code, 100))
                .param("message", EpisodeRepository.truncate(message, 4000))
                .param("durationMs", duration.toMillis())
                .param("createdAt", EpisodeRepository.timestamp(clock.instant()))
                .param("deployment", EpisodeRepository.truncate(deployment, 300))
                .update();
    }
}
