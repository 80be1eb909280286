package dev.nightcast.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which deployment did what in one job execution: the {@code episode_attempt} rows counted per
 * deployment, and how each deployment stood when the run ended ({@code run_deployment}, written for
 * runs over several deployments: by the one process, or in a cluster by each worker host for its own
 * pool, one row per host and deployment).
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
     * @param state {@code UP}, {@code DOWN} or {@code OUT} as the run ended, or null when not recorded;
     *     in a cluster the worst any host recorded
     * @param note why it was down or out, or null; in a cluster, each host where it was not up, named
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

    /** The host of a run in one process. */
    public static final String ONE_PROCESS = "";

    /** States from the best to the worst: a merged deployment shows the worst any host saw. */
    private static final List<String> WORSE = List.of("UP", "DOWN", "OUT");

    /**
     * Records how each deployment of {@code host}'s pool stood as the execution ended there; once per
     * execution and host (a rerun replaces it).
     *
     * @param host the worker host's id in a cluster, {@link #ONE_PROCESS} otherwise
     */
    public void recordEnd(long jobExecutionId, String host, List<EndState> states) {
        jdbc.sql("DELETE FROM run_deployment WHERE job_execution_id = :execution AND host = :host")
                .param("execution", jobExecutionId)
                .param("host", StoredText.fit(host, 200))
                .update();
        for (EndState state : states) {
            jdbc.sql("""
                    INSERT INTO run_deployment (job_execution_id, host, deployment, state, note)
                    VALUES (:execution, :host, :deployment, :state, :note)""")
                    .param("execution", jobExecutionId)
                    .param("host", StoredText.fit(host, 200))
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
        Map<String, List<HostState>> hosts = new LinkedHashMap<>();
        jdbc.sql("SELECT deployment, host, state, note FROM run_deployment WHERE job_execution_id = :execution"
                        + " ORDER BY deployment, host")
                .param("execution", jobExecutionId)
                .query((rs, row) -> new HostState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list()
                .forEach(state -> hosts.computeIfAbsent(state.deployment(), key -> new ArrayList<>())
                        .add(state));
        hosts.forEach((deployment, states) -> {
            EndState end = merged(deployment, states);
            DeploymentUse calls = uses.get(deployment);
            uses.put(
                    deployment,
                    calls == null
                            ? new DeploymentUse(deployment, 0, 0, 0, 0, 0, end.state(), end.note())
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

    /** One host's record of one deployment. */
    private record HostState(
            String deployment,
            String host,
            String state,
            @Nullable String note) {}

    /**
     * One deployment as every host saw it: its worst state; the note of a single host as it is; with
     * several hosts, each host where it was not up, named, with its note, and how many hosts had it up.
     */
    private static EndState merged(String deployment, List<HostState> states) {
        HostState worst = states.stream()
                .max(Comparator.comparingInt(state -> WORSE.indexOf(state.state())))
                .orElseThrow();
        if (states.size() == 1) {
            return new EndState(deployment, worst.state(), worst.note());
        }
        List<String> notUp = states.stream()
                .filter(state -> !"UP".equals(state.state()))
                .map(state -> "on " + state.host()
                        + (state.state().equals(worst.state())
                                ? ""
                                : " " + state.state().toLowerCase(Locale.ROOT))
                        + (state.note() == null ? "" : ": " + state.note()))
                .toList();
        long up = states.size() - notUp.size();
        if (notUp.isEmpty()) {
            return new EndState(deployment, "UP", "on " + states.size() + " hosts");
        }
        return new EndState(
                deployment,
                worst.state(),
                String.join("; ", notUp)
                        + (up == 0 ? "" : "; up on " + up + (up == 1 ? " other host" : " other hosts")));
    }
}
