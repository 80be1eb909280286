package dev.nightcast.store;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;

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

    public void save(InvalidScript invalid, long jobExecutionId) {
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

    /** An input entry that could not become an episode, as recorded: {@code source} is file:line. */
    public record InputProblem(String episodeId, String source, String reason) {}

    /** The problems one execution recorded, in input order (by file, then line; workers record them in any order). */
    public List<InputProblem> list(long jobExecutionId) {
        return jdbc
                .sql("""
                SELECT episode_id, source, reason FROM input_problem WHERE job_execution_id = :execution
                ORDER BY problem_id""")
                .param("execution", jobExecutionId)
                .query((rs, row) -> new InputProblem(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list()
                .stream()
                .sorted(Comparator.comparing((InputProblem problem) -> file(problem.source()))
                        .thenComparingLong(problem -> line(problem.source())))
                .toList();
    }

    /** {@code source} is {@code file:line}. */
    private static String file(String source) {
        int colon = source.lastIndexOf(':');
        return colon < 0 ? source : source.substring(0, colon);
    }

    private static long line(String source) {
        String line = source.substring(source.lastIndexOf(':') + 1);
        return line.matches("[0-9]{1,18}") ? Long.parseLong(line) : 0;
    }

    public long count(long jobExecutionId) {
        return jdbc.sql("SELECT COUNT(*) FROM input_problem WHERE job_execution_id = :execution")
                .param("execution", jobExecutionId)
                .query(Long.class)
                .single();
    }
}
