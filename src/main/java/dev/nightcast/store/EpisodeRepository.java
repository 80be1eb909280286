package dev.nightcast.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.nightcast.audio.Loudness;
import dev.nightcast.audio.PcmFormat;
import dev.nightcast.narration.EpisodeOutcome;
import dev.nightcast.realtime.TokenUsage;
import dev.nightcast.script.EntryLimits;

/**
 * The {@code episode} table: one row per episode id holding its latest state. Writes are
 * update-then-insert, which runs unchanged on H2 and PostgreSQL; ids are unique within a run, so
 * two workers never write the same row.
 */
@Repository
public class EpisodeRepository {

    /** The column's width ({@code V16_1}); snapshot names are far shorter. */
    static final int MODEL_SNAPSHOT_LENGTH = 200;

    /** Ids bound to one {@code IN} list: far below every driver's limit on bind parameters. */
    private static final int IDS_PER_QUERY = 500;

    private final JdbcClient jdbc;
    private final Clock clock;

    public EpisodeRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<PublishedEpisode> findPublished(String episodeId) {
        return jdbc.sql("""
                SELECT episode_id, status, fingerprint, wav_path, wav_bytes, wav_sha256, transcript
                FROM episode WHERE episode_id = :id""")
                .param("id", episodeId)
                .query((rs, row) -> new PublishedEpisode(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getLong(5),
                        rs.getString(6),
                        rs.getString(7)))
                .optional();
    }

    /**
     * Records a published narration, credited to the execution that narrated it. Runs inside the
     * caller's transaction.
     */
    public void saveDone(StagedNarration stage, PublishedFiles files) {
        int updated = jdbc.sql("""
                UPDATE episode SET status = :status, title = :title, voice = :voice, model = :model,
                  fingerprint = :fingerprint, source = :source, wav_path = :wavPath, transcript_path = :transcriptPath,
                  wav_bytes = :wavBytes, wav_sha256 = :sha256, duration_ms = :durationMs, sample_rate = :sampleRate,
                  segments = :segments, transcript = :transcript, subtitles_path = :subtitlesPath,
                  word_error_rate = :wordErrorRate, worst_segment_error_rate = :worstSegmentErrorRate,
                  loudness_lufs = :loudnessLufs, true_peak_dbtp = :truePeakDbtp, loudness_range_lu = :loudnessRangeLu,
                  input_tokens = :inputTokens,
                  output_tokens = :outputTokens, input_text_tokens = :inputTextTokens,
                  input_audio_tokens = :inputAudioTokens, output_text_tokens = :outputTextTokens,
                  output_audio_tokens = :outputAudioTokens, attempts = :attempts, failure_kind = NULL,
                  failure_reason = NULL, job_execution_id = :jobExecutionId, started_at = :startedAt,
                  finished_at = :finishedAt, updated_at = :updatedAt, model_snapshot = :modelSnapshot
                WHERE episode_id = :id""").params(doneParams(stage, files)).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO episode (episode_id, status, title, voice, model, fingerprint, source, wav_path,
                      transcript_path, wav_bytes, wav_sha256, duration_ms, sample_rate, segments, transcript,
                      subtitles_path, word_error_rate, worst_segment_error_rate,
                      loudness_lufs, true_peak_dbtp, loudness_range_lu, input_tokens, output_tokens, input_text_tokens, input_audio_tokens, output_text_tokens,
                      output_audio_tokens, attempts, job_execution_id, started_at, finished_at, updated_at,
                      model_snapshot)
                    VALUES (:id, :status, :title, :voice, :model, :fingerprint, :source, :wavPath, :transcriptPath,
                      :wavBytes, :sha256, :durationMs, :sampleRate, :segments, :transcript, :subtitlesPath,
                      :wordErrorRate, :worstSegmentErrorRate, :loudnessLufs, :truePeakDbtp, :loudnessRangeLu,
                      :inputTokens,
                      :outputTokens, :inputTextTokens, :inputAudioTokens, :outputTextTokens, :outputAudioTokens,
                      :attempts, :jobExecutionId, :startedAt, :finishedAt, :updatedAt, :modelSnapshot)""").params(doneParams(stage, files)).update();
        }
    }

    private Map<String, Object> doneParams(StagedNarration stage, PublishedFiles files) {
        TokenUsage usage = stage.usage();
        var params = new HashMap<String, Object>();
        params.put("id", stage.episodeId());
        params.put("status", EpisodeStatus.DONE.name());
        params.put("title", StoredText.fit(stage.title(), EntryLimits.TITLE_LENGTH));
        params.put("voice", stage.voice());
        params.put("model", stage.model());
        params.put(
                "modelSnapshot",
                stage.modelSnapshot() == null ? null : StoredText.fit(stage.modelSnapshot(), MODEL_SNAPSHOT_LENGTH));
        params.put("fingerprint", stage.fingerprint());
        params.put("source", StoredText.fit(stage.source(), EntryLimits.PATH_LENGTH));
        params.put("wavPath", files.wav().toString());
        params.put("transcriptPath", files.transcript().toString());
        params.put("wavBytes", files.wavBytes());
        params.put("sha256", files.wavSha256());
        params.put("durationMs", PcmFormat.durationMillis(stage.audioBytes()));
        params.put("sampleRate", PcmFormat.SAMPLE_RATE);
        params.put("segments", stage.segments());
        params.put("transcript", StoredText.fit(stage.transcript()));
        params.put("subtitlesPath", files.subtitles().toString());
        params.put("wordErrorRate", stage.wordErrorRate());
        params.put("worstSegmentErrorRate", stage.worstSegmentErrorRate());
        Loudness loudness = stage.loudness();
        boolean measured = loudness != null && loudness.isMeasured();
        params.put("loudnessLufs", measured && loudness != null ? loudness.integratedLufs() : null);
        params.put("truePeakDbtp", measured && loudness != null ? loudness.truePeakDbtp() : null);
        params.put("loudnessRangeLu", measured && loudness != null ? loudness.rangeLu() : null);
        params.put("inputTokens", usage.inputTokens());
        params.put("outputTokens", usage.outputTokens());
        params.put("inputTextTokens", usage.inputTextTokens());
        params.put("inputAudioTokens", usage.inputAudioTokens());
        params.put("outputTextTokens", usage.outputTextTokens());
        params.put("outputAudioTokens", usage.outputAudioTokens());
        params.put("attempts", stage.attempts());
        params.put("jobExecutionId", stage.jobExecutionId());
        params.put("startedAt", timestamp(stage.startedAt()));
        params.put("finishedAt", timestamp(stage.finishedAt()));
        params.put("updatedAt", timestamp(clock.instant()));
        return params;
    }

    /** True when a job execution later than {@code jobExecutionId} has written the episode's row since. */
    public boolean writtenAfter(String episodeId, long jobExecutionId) {
        return jdbc.sql("SELECT COUNT(*) FROM episode WHERE episode_id = :id AND job_execution_id > :execution")
                        .param("id", episodeId)
                        .param("execution", jobExecutionId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Records a failed narration. The row keeps what an earlier successful run published (the
     * files stay where they are); only status, reason and counters change, and the word error rate
     * when the fidelity check failed the episode.
     */
    public void saveFailed(EpisodeOutcome.Failed outcome, long jobExecutionId) {
        var script = outcome.script();
        var params = new HashMap<String, Object>();
        params.put("id", script.id());
        params.put("status", EpisodeStatus.FAILED.name());
        params.put("title", StoredText.fit(script.title(), EntryLimits.TITLE_LENGTH));
        params.put("voice", script.voice());
        params.put("model", outcome.model());
        params.put("source", StoredText.fit(script.source().toString(), EntryLimits.PATH_LENGTH));
        params.put("attempts", outcome.attempts());
        params.put("failureKind", outcome.kind().recordedAs());
        params.put("failureReason", truncate(outcome.reason(), 4000));
        params.put("wordErrorRate", outcome.wordErrorRate());
        params.put("jobExecutionId", jobExecutionId);
        params.put("startedAt", timestamp(outcome.startedAt()));
        params.put("finishedAt", timestamp(outcome.finishedAt()));
        params.put("updatedAt", timestamp(clock.instant()));
        int updated = jdbc.sql("""
                UPDATE episode SET status = :status, title = :title, voice = :voice, model = :model, source = :source,
                  attempts = :attempts, failure_kind = :failureKind, failure_reason = :failureReason,
                  word_error_rate = COALESCE(:wordErrorRate, word_error_rate),
                  job_execution_id = :jobExecutionId, started_at = :startedAt, finished_at = :finishedAt,
                  updated_at = :updatedAt
                WHERE episode_id = :id""").params(params).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO episode (episode_id, status, title, voice, model, source, attempts, failure_kind,
                      failure_reason, word_error_rate, job_execution_id, started_at, finished_at, updated_at)
                    VALUES (:id, :status, :title, :voice, :model, :source, :attempts, :failureKind, :failureReason,
                      :wordErrorRate, :jobExecutionId, :startedAt, :finishedAt, :updatedAt)""").params(params).update();
        }
    }

    /** The latest state of each of these episodes that has a row, by id; ids without a row are left out. */
    public Map<String, EpisodeState> findStates(List<String> episodeIds) {
        Map<String, EpisodeState> states = new HashMap<>();
        for (int from = 0; from < episodeIds.size(); from += IDS_PER_QUERY) {
            List<String> batch = episodeIds.subList(from, Math.min(episodeIds.size(), from + IDS_PER_QUERY));
            jdbc.sql("""
                    SELECT episode_id, status, title, wav_path, transcript, duration_ms, failure_reason, finished_at,
                      wav_sha256, loudness_lufs, true_peak_dbtp, loudness_range_lu, model, input_tokens,
                      output_tokens, input_text_tokens, input_audio_tokens, output_text_tokens, output_audio_tokens
                    FROM episode WHERE episode_id IN (:ids)""")
                    .param("ids", batch)
                    .query((rs, row) -> new EpisodeState(
                            rs.getString(1),
                            EpisodeStatus.valueOf(rs.getString(2)),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getLong(6),
                            rs.getString(7),
                            instant(rs.getTimestamp(8)),
                            rs.getString(9),
                            loudness(rs),
                            rs.getString(13),
                            new TokenUsage(
                                    rs.getLong(14),
                                    rs.getLong(15),
                                    rs.getLong(16),
                                    rs.getLong(17),
                                    rs.getLong(18),
                                    rs.getLong(19))))
                    .list()
                    .forEach(state -> states.put(state.episodeId(), state));
        }
        return states;
    }

    /** The loudness columns from the 10th on, or null when the row has none. */
    private static @Nullable Loudness loudness(ResultSet rs) throws SQLException {
        double integrated = rs.getDouble(10);
        return rs.wasNull() ? null : new Loudness(integrated, rs.getDouble(11), rs.getDouble(12));
    }

    static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** See {@link StoredText#fit}. */
    static @Nullable String truncate(@Nullable String text, int max) {
        return StoredText.fit(text, max);
    }
}
