package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;
import dev.nightcast.support.NightcastProcess;
import dev.nightcast.support.RequiresPostgres;
import dev.nightcast.support.RequiresRabbitMq;
import dev.nightcast.support.TestScripts;

/**
 * {@code finish-by} and {@code max-cost} are the run's, not each worker host's: two worker JVMs and a
 * manager JVM on PostgreSQL and RabbitMQ, narrating through the simulator. A finish-by that passes
 * mid-run stops every host from claiming, then a max-cost that fits about half of the rest is spent
 * once across both hosts (not once per host); each run ends STOPPED with exit 3 and its summary says
 * why, naming what max-cost left. A run without limits then narrates exactly the rest, and no segment
 * is ever narrated twice.
 */
@RequiresPostgres
@RequiresRabbitMq
class ClusterLimitsProcessTest extends ClusterProcessTestBase {

    private static final int EPISODES = 24;
    /** 40 s of audio an episode at twice real time: 6 rounds of 4 slots, well past a finish-by 35 to 50 s away. */
    private static final int WORDS = 100;

    private static final Duration CLUSTER_TIMEOUT = Duration.ofMinutes(4);

    private ScriptedSimulator simulator;

    @BeforeEach
    void setUp() {
        simulator = ScriptedSimulator.start(
                new SimulatorSettings(2, Duration.ofMillis(100), 150, SimulatorSettings.SERVICE_MAX_OUTPUT_TOKENS));
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

    /** Runs the manager to its end; returns its exit code. */
    private int manage(String name, Path params, String... limits) throws Exception {
        List<String> settings = new ArrayList<>(clusterArgs());
        settings.addAll(List.of(limits));
        NightcastProcess manager = startManager(name, params, 4, settings);
        int code = manager.waitFor(CLUSTER_TIMEOUT);
        System.out.println("cluster limits test: " + name + " exit " + code);
        lastLog = manager.log();
        return code;
    }

    private String lastLog = "";

    /** The summary JSON of the latest execution. */
    private JsonNode lastSummary(Path output) throws Exception {
        long execution = db().sql("SELECT MAX(job_execution_id) FROM batch_job_execution")
                .query(Long.class)
                .single();
        return new ObjectMapper()
                .readTree(output.resolve("runs").resolve(execution + ".json").toFile());
    }

    /** The run's episodes published so far (the calibration episode is not one of them). */
    private Set<String> doneOfTheRun() {
        Set<String> done = doneEpisodes();
        done.retainAll(episodes.keySet());
        return done;
    }

    @Test
    void finishByAndMaxCostAreTheRunsAcrossWorkerHostsAndTheManagerExitsThree() throws Exception {
        System.out.println("cluster limits test in " + dir + " (kept if the test fails, with the logs)");
        Path params = paramsFile(writeEpisodes(EPISODES, WORDS));
        List<NightcastProcess> workers = List.of(worker("worker-1"), worker("worker-2"));

        // What one episode of this length costs, from a run of one (which also warms the workers up).
        Path calibration = dir.resolve("calibration.csv");
        Files.writeString(
                calibration,
                "episode_id,script\ncalibration,\"" + TestScripts.prose("calibration", 1, WORDS) + "\"\n",
                StandardCharsets.UTF_8);
        Path calibrationOutput = dir.resolve("calibration-output");
        Path calibrationParams = dir.resolve("calibration.properties");
        Files.writeString(
                calibrationParams,
                "input=" + calibration + "\noutput=" + calibrationOutput + "\ngateway=azure\n",
                StandardCharsets.UTF_8);
        assertThat(manage("manager-calibration", calibrationParams))
                .as("calibration; log:\n%s", lastLog)
                .isZero();
        BigDecimal one = new BigDecimal(
                lastSummary(calibrationOutput).path("cost").path("usd").asText());
        assertThat(one).isPositive();

        // When a run starts some 35 to 50 s before its finish-by (six rounds of narration)
        ZoneId zone = ZoneId.systemDefault();
        while (true) {
            int second = ZonedDateTime.now(zone).getSecond();
            if (second >= 10 && second <= 25) {
                break;
            }
            Thread.sleep(500);
        }
        Instant started = Instant.now();
        Instant deadline = ZonedDateTime.now(zone)
                .truncatedTo(ChronoUnit.MINUTES)
                .plusMinutes(1)
                .toInstant();
        String finishBy = LocalTime.ofInstant(deadline, zone).format(DateTimeFormatter.ofPattern("HH:mm"));
        int stoppedByDeadline = manage("manager-finish-by", params, "--finish-by=" + finishBy);

        // Then no host claims after it: the run ends stopped at the limit, with exit 3, and says why
        assertThat(stoppedByDeadline).as("exit code; log:\n%s", lastLog).isEqualTo(3);
        JsonNode first = lastSummary(output());
        assertThat(first.path("status").asText()).isEqualTo("STOPPED");
        assertThat(first.path("stopReason").asText()).isEqualTo("finish-by " + finishBy + " reached");
        assertThat(db().sql("SELECT deadline FROM cluster_budget ORDER BY job_execution_id DESC LIMIT 1")
                        .query(OffsetDateTime.class)
                        .single()
                        .toInstant())
                .as("one deadline for the run, the first %s after the manager's start at %s", finishBy, started)
                .isEqualTo(deadline);
        Set<String> afterDeadline = doneOfTheRun();
        assertThat(afterDeadline).hasSizeLessThan(EPISODES);
        System.out.println("cluster limits test: finish-by " + finishBy + " left " + (EPISODES - afterDeadline.size())
                + " of " + EPISODES);

        // When the same run continues with a max-cost that fits about half of the rest
        int rest = EPISODES - afterDeadline.size();
        BigDecimal maxCost =
                one.multiply(BigDecimal.valueOf(Math.max(1, rest / 2))).add(one.divide(BigDecimal.valueOf(2)));
        int stoppedByBudget = manage("manager-max-cost", params, "--max-cost=" + maxCost.toPlainString());

        // Then both hosts together spend no more than it, the run stops with exit 3, naming what it left
        JsonNode second = lastSummary(output());
        BigDecimal spent = new BigDecimal(second.path("cost").path("usd").asText());
        System.out.println("cluster limits test: max-cost " + maxCost + " (one episode " + one + "), spent " + spent
                + ", narrated " + second.path("episodes").path("narrated").asLong());
        assertThat(spent).as("spent by both hosts; log:\n%s", lastLog).isLessThanOrEqualTo(maxCost);
        assertThat(stoppedByBudget).as("exit code; log:\n%s", lastLog).isEqualTo(3);
        assertThat(second.path("status").asText()).isEqualTo("STOPPED");
        Set<String> afterBudget = doneOfTheRun();
        Set<String> left = new TreeSet<>(episodes.keySet());
        left.removeAll(afterBudget);
        assertThat(afterBudget).hasSizeGreaterThan(afterDeadline.size());
        assertThat(left).isNotEmpty();
        String reason = second.path("stopReason").asText();
        assertThat(reason)
                .startsWith("max-cost " + "$")
                .contains("left " + left.size() + (left.size() == 1 ? " episode" : " episodes")
                        + " that would pass it: ");
        left.stream().limit(10).forEach(id -> assertThat(reason).contains(id + " (about $"));
        assertThat(second.path("episodes").path("skippedAsDone").asLong()).isEqualTo(afterDeadline.size());

        // And a run without limits narrates exactly the rest; no segment was ever narrated twice
        int completed = manage("manager-rest", params);
        assertThat(completed).as("exit code; log:\n%s", lastLog).isZero();
        JsonNode third = lastSummary(output());
        assertThat(third.path("episodes").path("narrated").asLong()).isEqualTo(left.size());
        assertThat(doneOfTheRun()).containsExactlyInAnyOrderElementsOf(episodes.keySet());
        for (String id : episodes.keySet()) {
            assertPublished(id);
        }
        Map<String, Long> requestsPerSegment = new HashMap<>();
        narrations().forEach(n -> requestsPerSegment.merge(n.episode() + "\u0000" + n.text(), 1L, Long::sum));
        assertThat(requestsPerSegment.values()).as("requests per segment").containsOnly(1L);
        assertThat(db().sql("SELECT COUNT(*) FROM batch_job_instance WHERE job_instance_id IN "
                                + "(SELECT job_instance_id FROM batch_job_execution)")
                        .query(Long.class)
                        .single())
                .as("calibration and one continued run")
                .isEqualTo(2);

        for (NightcastProcess worker : workers) {
            worker.terminate();
            assertThat(worker.waitFor(RUN_TIMEOUT)).as("worker exit code").isZero();
        }
    }
}
