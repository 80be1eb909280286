package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.nightcast.simulator.Fault;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;
import dev.nightcast.support.NightcastProcess;
import dev.nightcast.support.RequiresPostgres;
import dev.nightcast.support.RequiresRabbitMq;

/**
 * What a cluster's manager tells the operator, with real worker JVMs, PostgreSQL and RabbitMQ: its
 * progress follows what the worker hosts narrate (it narrates nothing itself), each worker host
 * records how the deployments of its own pool stood, and the summary and {@code status} merge them.
 */
@RequiresPostgres
@RequiresRabbitMq
class ClusterManagerProcessTest extends ClusterProcessTestBase {

    private static final Duration CLUSTER_TIMEOUT = Duration.ofMinutes(4);
    private static final int QUOTA = 4;
    /** {@code [6/6] 6 narrated, 0 skipped, 0 failed, 0 invalid; 6:00 min audio; $0.0123; ...} */
    private static final Pattern PROGRESS_LINE = Pattern.compile(
            "\\[\\s*(\\d+)/(\\d+)] (\\d+) narrated, (\\d+) skipped, (\\d+) failed, (\\d+) invalid; [0-9:]+ min audio;"
                    + " (\\$[0-9.]+|cost unknown)");

    private ScriptedSimulator east;
    private ScriptedSimulator west;

    @BeforeEach
    void setUp() {
        SimulatorSettings paced =
                new SimulatorSettings(30, Duration.ofMillis(50), 150, SimulatorSettings.SERVICE_MAX_OUTPUT_TOKENS);
        east = ScriptedSimulator.start(paced, QUOTA);
        west = ScriptedSimulator.start(paced, QUOTA);
    }

    @AfterEach
    void tearDown() {
        east.close();
        west.close();
    }

    @Override
    ScriptedSimulator simulator() {
        return east;
    }

    /**
     * A worker host with the pool {@code deployments[0]} = east, {@code [1]} = west, set by environment
     * variables or by command-line properties.
     */
    private NightcastProcess worker(String name, boolean byEnvironment) {
        List<String> args = new ArrayList<>(List.of(
                "--nightcast.gateway.azure.endpoint=",
                "--nightcast.gateway.deployment-probe=1s",
                "--nightcast.cluster.slots=2"));
        args.addAll(clusterArgs());
        Map<String, String> environment = new HashMap<>();
        if (byEnvironment) {
            environment.put("NIGHTCAST_GATEWAY_DEPLOYMENTS_0_ENDPOINT", east.baseUrl());
            environment.put("NIGHTCAST_GATEWAY_DEPLOYMENTS_0_API_KEY", FAKE_KEY);
            environment.put("NIGHTCAST_GATEWAY_DEPLOYMENTS_1_ENDPOINT", west.baseUrl());
            environment.put("NIGHTCAST_GATEWAY_DEPLOYMENTS_1_API_KEY", FAKE_KEY + "-west");
        } else {
            args.addAll(List.of(
                    "--nightcast.gateway.deployments[0].endpoint=" + east.baseUrl(),
                    "--nightcast.gateway.deployments[0].api-key=" + FAKE_KEY,
                    "--nightcast.gateway.deployments[1].endpoint=" + west.baseUrl(),
                    "--nightcast.gateway.deployments[1].api-key=" + FAKE_KEY + "-west"));
        }
        return startWorker(name, environment, args);
    }

    private NightcastProcess manager(String name, Path params) {
        return startManager(name, params, 4, clusterArgs());
    }

    private static String name(ScriptedSimulator simulator) {
        return simulator.baseUrl().replace("http://", "") + "/gpt-realtime-mini";
    }

    @Test
    void theManagersProgressFollowsTheWorkersAndEachHostRecordsHowItsDeploymentsStood() throws Exception {
        // given: two worker hosts, each with its own pool of the same two deployments; west refuses
        // one handshake (401), so one host's pool takes west out of the run while the other's keeps it
        int count = 6;
        Path params = paramsFile(writeEpisodes(count, 150));
        west.enqueueFault(Fault.unauthorized());
        NightcastProcess first = worker("worker-1", true);
        NightcastProcess second = worker("worker-2", false);

        // when
        NightcastProcess manager = manager("manager", params);
        assertThat(manager.waitFor(CLUSTER_TIMEOUT))
                .as("exit code; log:\n%s", manager.log())
                .isZero();

        // then: the manager's progress reached 6/6 with what the summary says was spent
        JsonNode summary = summary();
        assertThat(summary.path("episodes").path("narrated").asLong()).isEqualTo(count);
        String spent = summary.path("cost").path("usd").decimalValue().signum() > 0
                ? dev.nightcast.budget.Cost.format(
                        summary.path("cost").path("usd").decimalValue())
                : "$0 (nothing spent?)";
        List<Matcher> progress = progressLines(manager.log());
        assertThat(progress)
                .as("progress lines of the manager:\n%s", manager.log())
                .isNotEmpty();
        Matcher last = progress.get(progress.size() - 1);
        assertThat(last.group(1) + "/" + last.group(2)).isEqualTo(count + "/" + count);
        assertThat(last.group(3)).isEqualTo(Integer.toString(count));
        assertThat(last.group(7)).isEqualTo(spent);
        assertThat(manager.log()).contains("run ended, " + count + "/" + count + " done: " + count + " narrated");

        // each worker host recorded its pool: 2 hosts x 2 deployments, none by the manager
        List<Map<String, Object>> rows = db().sql("SELECT host, deployment, state, note FROM run_deployment")
                .query()
                .listOfRows();
        assertThat(rows).as("%s", rows).hasSize(4);
        assertThat(rows.stream().map(row -> String.valueOf(value(row, "host"))).distinct())
                .hasSize(2)
                .allSatisfy(host -> assertThat(host).matches(".+/(" + first.pid() + "|" + second.pid() + ")/.+"));
        assertThat(rows.stream()
                        .filter(row -> name(west).equals(value(row, "deployment")))
                        .map(row -> String.valueOf(value(row, "state"))))
                .containsExactlyInAnyOrder("OUT", "UP");
        assertThat(rows.stream()
                        .filter(row -> name(east).equals(value(row, "deployment")))
                        .map(row -> String.valueOf(value(row, "state"))))
                .containsExactly("UP", "UP");
        String outHost = rows.stream()
                .filter(row -> "OUT".equals(value(row, "state")))
                .map(row -> String.valueOf(value(row, "host")))
                .findFirst()
                .orElseThrow();

        // the summary (console and JSON) merges them: west out on the one host, up on the other
        Map<String, JsonNode> shares = new HashMap<>();
        summary.path("deployments").forEach(d -> shares.put(d.path("deployment").asText(), d));
        assertThat(shares.keySet()).containsExactlyInAnyOrder(name(east), name(west));
        assertThat(shares.get(name(west)).path("state").asText()).isEqualTo("OUT");
        assertThat(shares.get(name(west)).path("note").asText())
                .startsWith("on " + outHost + ": ")
                .contains("nightcast.gateway.deployments[1].api-key")
                .endsWith("; up on 1 other host");
        assertThat(shares.get(name(east)).path("state").asText()).isEqualTo("UP");
        assertThat(shares.get(name(east)).path("note").asText()).isEqualTo("on 2 hosts");
        assertThat(manager.log()).contains("out: on " + outHost + ": ");

        // and status says the same
        NightcastProcess status = startCommand("status", "status", params, east);
        assertThat(status.waitFor(RUN_TIMEOUT)).as(status.log()).isZero();
        assertThat(status.log()).contains(name(west) + " ", "out (on " + outHost + ": ");

        for (NightcastProcess worker : List.of(first, second)) {
            worker.terminate();
            assertThat(worker.waitFor(RUN_TIMEOUT)).as(worker.log()).isZero();
        }
    }

    @Test
    void theSuccessorOfAKilledManagerReportsWhatTheLiveHostsNarratedAfterItDied() throws Exception {
        // given: a run on two worker hosts whose manager is killed while they narrate
        int count = 10;
        Path params = paramsFile(writeEpisodes(count, 150));
        List<NightcastProcess> workers =
                List.of(singleDeploymentWorker("worker-1"), singleDeploymentWorker("worker-2"));
        NightcastProcess first = manager("manager-1", params);
        waitUntil(() -> doneEpisodesIfAny() >= 2, CLUSTER_TIMEOUT, first::log);
        // the manager polls every 500 ms: by the kill its progress has shown at least these
        int shownAtLeast = doneEpisodes().size();
        Thread.sleep(1500);
        first.kill();
        List<Matcher> shown = progressLines(first.log());
        assertThat(shown).as("progress of the killed manager:\n%s", first.log()).isNotEmpty();
        int shownLast = Integer.parseInt(shown.get(shown.size() - 1).group(3));
        assertThat(shownLast)
                .as("the killed manager showed what the hosts had done")
                .isLessThan(count);

        // status, meanwhile, shows the execution the hosts go on with as running, with done of total
        NightcastProcess status = startCommand("status", "status", params, east);
        assertThat(status.waitFor(RUN_TIMEOUT)).as(status.log()).isZero();
        Matcher running = Pattern.compile(
                        "\\d+: running, (\\d+)/" + count + " done, elapsed [0-9:]+, about [0-9:]+ left")
                .matcher(status.log());
        assertThat(running.find()).as(status.log()).isTrue();
        assertThat(Integer.parseInt(running.group(1))).isGreaterThanOrEqualTo(shownLast);

        // when: the same command again, while the hosts go on with the dead manager's partitions
        NightcastProcess second = manager("manager-2", params);
        assertThat(second.waitFor(CLUSTER_TIMEOUT))
                .as("exit code; log:\n%s", second.log())
                .isZero();

        // then: the successor's summary reports what the hosts narrated after the first manager died,
        // and counts as skipped (as one process does after a kill) only what that manager had shown
        JsonNode summary = summary();
        long narrated = summary.path("episodes").path("narrated").asLong();
        long skipped = summary.path("episodes").path("skippedAsDone").asLong();
        assertThat(narrated + skipped).as("%s", summary).isEqualTo(count);
        assertThat(skipped).as("%s", summary).isBetween((long) shownAtLeast, (long) shownLast);
        assertThat(summary.path("cost").path("usd").decimalValue()).isPositive();
        assertThat(second.log()).contains("narrated  " + String.format("%6d", narrated));
        // and its progress, which starts where the hosts got, ends as its summary does
        List<Matcher> followed = progressLines(second.log());
        assertThat(followed).as(second.log()).isNotEmpty();
        Matcher end = followed.get(followed.size() - 1);
        assertThat(end.group(1) + " " + end.group(3) + " " + end.group(4))
                .isEqualTo(count + " " + narrated + " " + skipped);

        for (NightcastProcess worker : workers) {
            worker.terminate();
            assertThat(worker.waitFor(RUN_TIMEOUT)).as(worker.log()).isZero();
        }
    }

    private NightcastProcess singleDeploymentWorker(String name) {
        List<String> args = new ArrayList<>(List.of(
                "worker",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=",
                "--spring.datasource.password=",
                "--nightcast.gateway.azure.endpoint=" + east.baseUrl(),
                "--nightcast.narration.max-segment-words=80",
                "--nightcast.narration.initial-backoff=5ms",
                "--nightcast.narration.max-backoff=20ms",
                "--nightcast.cluster.slots=2"));
        args.addAll(clusterArgs());
        NightcastProcess process = NightcastProcess.start(dir, name, Map.of("AZURE_OPENAI_API_KEY", FAKE_KEY), args);
        processes.add(process);
        return process;
    }

    private int doneEpisodesIfAny() {
        try {
            return doneEpisodes().size();
        } catch (org.springframework.dao.DataAccessException notMigratedYet) {
            return 0;
        }
    }

    private static List<Matcher> progressLines(String log) {
        return log.lines().map(PROGRESS_LINE::matcher).filter(Matcher::find).toList();
    }

    /** The newest run's JSON summary. */
    private JsonNode summary() throws Exception {
        try (var files = Files.list(output().resolve("runs"))) {
            Path json = files.filter(file -> file.getFileName().toString().matches("\\d+\\.json"))
                    .max(Comparator.comparingLong(
                            file -> Long.parseLong(file.getFileName().toString().replace(".json", ""))))
                    .orElseThrow();
            return new ObjectMapper().readTree(json.toFile());
        }
    }
}
