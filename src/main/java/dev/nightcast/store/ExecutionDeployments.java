package dev.nightcast.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which deployment did what in one job execution: the {@code episode_attempt} rows counted per
 * deployment, and how each deployment stood when the run ended ({@code run_deployment}, written for
 * runs over several deployments).
 */
@Repository
public class ExecutionDeployments {

    private final JdbcClient jdbc;

    public ExecutionDeployments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One deployment's share of an execution.
     *
     * @param episodes episodes with at least one segment narrated there
     * @param succeeded calls whose reading was kept
     * @param failed calls that failed (any kind)
     * @param throttled calls it throttled (made again without counting)
     * @param rejected readings the fidelity check rejected
     * @param state {@code UP}, {@code DOWN} or {@code OUT} as the run ended, or null when not recorded
     * @param note why it was down or out, or null
     */
    public record DeploymentUse(
            String deployment,
            long episodes,
            long succeeded,
            long failed,
            long throttled,
            long rejected,
            @Nullable String state,
            @Nullable String note) {}

    /** How one deployment stood at the end of a run. */
    public record EndState(
            String deployment, String state, @Nullable String note) {}

    /** Records how each deployment stood as the execution ended; once per execution (a rerun replaces it). */
    public void recordEnd(long jobExecutionId, List<EndState> states) {
        jdbc.sql("DELETE FROM run_deployment WHERE job_execution_id = :execution")
                .param("execution", jobExecutionId)
                .update();
        for (EndState state : states) {
            jdbc.sql("""
                    INSERT INTO run_deployment (job_execution_id, deployment, state, note)
                    VALUES (:execution, :deployment, :state, :note)""")
                    .param("execution", jobExecutionId)
                    .param("deployment", StoredText.fit(state.deployment(), 300))
                    .param("state", state.state())
                    .param("note", StoredText.fit(state.note(), 1000))
                    .update();
        }
    }

    /** Every deployment the execution called or recorded, by name. */
    public List<DeploymentUse> of(long jobExecutionId) {
        Map<String, DeploymentUse> uses = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT deployment,
                  COUNT(DISTINCT CASE WHEN outcome = 'SUCCEEDED' THEN episode_id END),
                  SUM(CASE WHEN outcome = 'SUCCEEDED' THEN 1 ELSE 0 END),
                  SUM(CASE WHEN outcome = 'FAILED' THEN 1 ELSE 0 END),
                  SUM(CASE WHEN outcome = 'THROTTLED' THEN 1 ELSE 0 END),
                  SUM(CASE WHEN outcome = 'REJECTED' THEN 1 ELSE 0 END)
                FROM episode_attempt WHERE job_execution_id = :execution AND deployment IS NOT NULL
                GROUP BY deployment ORDER BY deployment""")
                .param("execution", jobExecutionId)
                .query((rs, row) -> new DeploymentUse(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        null,
                        null))
                .list()
                .forEach(use -> uses.put(use.deployment(), use));
        jdbc.sql("SELECT deployment, state, note FROM run_deployment WHERE job_execution_id = :execution"
                        + " ORDER BY deployment")
                .param("execution", jobExecutionId)
                .query((rs, row) -> new EndState(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list()
                .forEach(end -> {
                    DeploymentUse calls = uses.get(end.deployment());
                    uses.put(
                            end.deployment(),
                            calls == null
                                    ? new DeploymentUse(end.deployment(), 0, 0, 0, 0, 0, end.state(), end.note())
                                    : new DeploymentUse(
                                            calls.deployment(),
                                            calls.episodes(),
                                            calls.succeeded(),
                                            calls.failed(),
                                            calls.throttled(),
                                            calls.rejected(),
                                            end.state(),
                                            end.note()));
                });
        return new ArrayList<>(uses.values());
    }
}
