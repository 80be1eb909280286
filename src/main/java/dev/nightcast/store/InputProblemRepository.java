package dev.nightcast.store;

import java.time.Clock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.nightcast.script.EntryLimits;
import dev.nightcast.script.InvalidScript;

/** The {@code input_problem} table: input entries that could not become episodes, with file and line. */
@Repository
public class InputProblemRepository {

    private final JdbcClient jdbc;
    private final Clock clock;

    public InputProblemRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void save(InvalidScript invalid, long jobExecutionId) {
        jdbc.sql("""
                INSERT INTO input_problem (job_execution_id, episode_id, source, reason, created_at)
                VALUES (:execution, :episodeId, :source, :reason, :createdAt)""")
                .param("execution", jobExecutionId)
                .param("episodeId", EpisodeRepository.truncate(invalid.id(), 1000))
                .param("source", StoredText.fit(invalid.source().toString(), EntryLimits.PATH_LENGTH))
                .param("reason", EpisodeRepository.truncate(invalid.reason(), 4000))
                .param("createdAt", EpisodeRepository.timestamp(clock.instant()))
                .update();
    }

    public long count(long jobExecutionId) {
        return jdbc.sql("SELECT COUNT(*) FROM input_problem WHERE job_execution_id = :execution")
                .param("execution", jobExecutionId)
                .query(Long.class)
                .single();
    }
}
