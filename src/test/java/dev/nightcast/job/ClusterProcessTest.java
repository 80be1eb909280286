package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.nightcast.simulator.Narration;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;
import dev.nightcast.support.NightcastProcess;
import dev.nightcast.support.RequiresPostgres;
import dev.nightcast.support.RequiresRabbitMq;

/**
 * Several hosts for real: three worker JVMs ({@code worker}) and a manager JVM ({@code narrate
 * --nightcast.cluster.enabled=true}) on a PostgreSQL job repository and a RabbitMQ broker, narrating
 * through the simulator. One worker is killed with SIGKILL while it holds episodes, then the manager
 * is killed and started again with the same command: the run ends by itself with exit 0, every
 * episode published exactly once, and only the episodes the killed worker had in flight narrated
 * again (by the hosts that took its claims over once its lease passed).
 */
@RequiresPostgres
@RequiresRabbitMq
class ClusterProcessTest extends ClusterProcessTestBase {

    private static final int EPISODES = 14;
    private static final int WORDS = 150;
    private static final Duration CLUSTER_TIMEOUT = Duration.ofMinutes(4);

    private ScriptedSimulator simulator;

    @BeforeEach
    void setUp() {
        // 60 s of audio per episode, streamed in about two seconds: workers are caught holding episodes.
        simulator = ScriptedSimulator.start(
                new SimulatorSettings(30, Duration.ofMillis(100), 150, SimulatorSettings.SERVICE_MAX_OUTPUT_TOKENS));
    }

    @AfterEach
    void tearDown() {
        simulator.close();
    }

    @Override
    ScriptedSimulator simulator() {
        return simulator;
    }

    private NightcastProcess worker(String name) {
        List<String> settings = new ArrayList<>(
                List.of("--nightcast.gateway.azure.endpoint=" + simulator.baseUrl(), "--nightcast.cluster.slots=2"));
        settings.addAll(clusterArgs());
        return startWorker(name, Map.of("AZURE_OPENAI_API_KEY", FAKE_KEY), settings);
    }

    private NightcastProcess manager(String name, Path params) {
        return startManager(name, params, 6, clusterArgs());
    }

    @Test
    void workersOnSeveralHostsFinishTheRunDespiteAKilledWorkerAndARestartedManager() throws Exception {
        Path params = paramsFile(writeEpisodes(EPISODES, WORDS));
        System.out.println("cluster test in " + dir + " (kept if the test fails, with the logs of every process)");
        Map<String, NightcastProcess> workers = new HashMap<>();
        for (String name : List.of("worker-1", "worker-2", "worker-3")) {
            workers.put(name, worker(name));
        }
        NightcastProcess firstManager = manager("manager-1", params);

        // A worker holding episodes while some are done already: find its process by the pid in its id.
        waitUntil(
                () -> claimedBySomeHost() != null && doneEpisodesIfAny() >= 2,
                CLUSTER_TIMEOUT,
                () -> firstManager.log() + workers.get("worker-1").log());
        String victimId = claimedBySomeHost();
        long victimPid = Long.parseLong(victimId.split("/")[1]);
        NightcastProcess victim = workers.values().stream()
                .filter(process -> process.pid() == victimPid)
                .findFirst()
                .orElseThrow();
        Set<String> inFlight = new TreeSet<>(
                db().sql("""
                SELECT entry_id FROM cluster_claim WHERE state = 'CLAIMED' AND worker_id = :worker""").param("worker", victimId).query(String.class).list());
        victim.kill();
        inFlight.removeAll(doneEpisodes());
        int requestedAtKill = narrations().size();
        System.out.println("cluster test: killed " + victimId + " holding " + inFlight);

        // Then the manager: the same command again continues the run with the workers still up.
        waitUntil(() -> doneEpisodes().size() >= 4, CLUSTER_TIMEOUT, firstManager::log);
        firstManager.kill();
        NightcastProcess secondManager = manager("manager-2", params);
        assertThat(secondManager.waitFor(CLUSTER_TIMEOUT))
                .as("exit code; log:\n%s", secondManager.log())
                .isZero();

        for (String id : episodes.keySet()) {
            assertPublished(id);
        }
        assertThat(db().sql("SELECT COUNT(*) FROM episode WHERE status = 'DONE'")
                        .query(Long.class)
                        .single())
                .isEqualTo(EPISODES);
        assertThat(db().sql("SELECT COUNT(*) FROM batch_job_instance")
                        .query(Long.class)
                        .single())
                .as("the restarted manager continued the same run")
                .isEqualTo(1);
        assertThat(db().sql("SELECT status FROM batch_job_execution ORDER BY job_execution_id")
                        .query(String.class)
                        .list())
                .last()
                .isEqualTo("COMPLETED");
        assertThat(db().sql("SELECT COUNT(*) FROM batch_step_execution WHERE status IN ('STARTING', 'STARTED')")
                        .query(Long.class)
                        .single())
                .as("no partition left running")
                .isZero();

        // Narrated again: only what the killed worker had in flight.
        List<Narration> all = narrations();
        Set<String> before = new TreeSet<>();
        all.subList(0, requestedAtKill).forEach(n -> before.add(n.episode() + "\u0000" + n.text()));
        Set<String> again = new TreeSet<>();
        all.subList(requestedAtKill, all.size()).stream()
                .filter(n -> before.contains(n.episode() + "\u0000" + n.text()))
                .forEach(n -> again.add(n.episode()));
        System.out.println("cluster test: narrated again " + again + " (the killed worker held " + inFlight + ")");
        assertThat(inFlight).containsAll(again);
        Map<String, Long> requestsPerSegment = new HashMap<>();
        all.forEach(n -> requestsPerSegment.merge(n.episode() + "\u0000" + n.text(), 1L, Long::sum));
        requestsPerSegment.forEach((segment, count) -> {
            String episode = segment.substring(0, segment.indexOf('\u0000'));
            if (!inFlight.contains(episode)) {
                assertThat(count)
                        .as("requests of a segment of %s, not in flight at the kill", episode)
                        .isEqualTo(1);
            }
        });

        // Workers leave on SIGTERM, exit 0.
        for (Map.Entry<String, NightcastProcess> worker : workers.entrySet()) {
            if (worker.getValue() != victim) {
                worker.getValue().terminate();
                assertThat(worker.getValue().waitFor(RUN_TIMEOUT))
                        .as("%s exit code", worker.getKey())
                        .isZero();
            }
        }
    }

    private int doneEpisodesIfAny() {
        try {
            return doneEpisodes().size();
        } catch (org.springframework.dao.DataAccessException notMigratedYet) {
            return 0;
        }
    }

    /** A worker host that holds a claim right now, or {@code null}. */
    private String claimedBySomeHost() {
        try {
            return db()
                    .sql("SELECT worker_id FROM cluster_claim WHERE state = 'CLAIMED' ORDER BY position")
                    .query(String.class)
                    .list()
                    .stream()
                    .findFirst()
                    .orElse(null);
        } catch (org.springframework.dao.DataAccessException notMigratedYet) {
            return null;
        }
    }

    @Test
    void clusterModeOnTheDefaultH2IsAConfigurationError() throws Exception {
        Path params = paramsFile(writeEpisodes(1, 20));
        List<String> args = new ArrayList<>(List.of(
                "narrate",
                "--params=" + params,
                "--nightcast.cluster.enabled=true",
                "--nightcast.gateway.azure.endpoint=" + simulator.baseUrl()));
        NightcastProcess run =
                NightcastProcess.start(dir, "h2-manager", Map.of("AZURE_OPENAI_API_KEY", FAKE_KEY), args);
        processes.add(run);
        assertThat(run.waitFor(RUN_TIMEOUT))
                .as("exit code; log:\n%s", run.log())
                .isEqualTo(64);
        assertThat(run.log()).contains("needs the job repository in PostgreSQL");
    }
}
