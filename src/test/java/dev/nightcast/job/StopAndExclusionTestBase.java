package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.nightcast.simulator.Narration;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;
import dev.nightcast.support.NightcastProcess;

/**
 * Two real processes on one database, and a graceful stop: a second run started while one is in
 * progress refuses without touching anything; SIGTERM stops the first cleanly (in-flight episodes
 * published, execution STOPPED, exit code 1); the next run continues it without narrating anything
 * twice.
 */
abstract class StopAndExclusionTestBase extends ProcessTestBase {

    private static final int EPISODES = 12;

    /** Six seconds per episode: the first run cannot finish while the second one starts and gives up. */
    private ScriptedSimulator slow;

    private ScriptedSimulator fast;

    @BeforeEach
    void startSimulators() {
        slow = ScriptedSimulator.start(
                new SimulatorSettings(10, Duration.ofMillis(100), 150, SimulatorSettings.SERVICE_MAX_OUTPUT_TOKENS));
        fast = ScriptedSimulator.start(
                new SimulatorSettings(0, Duration.ZERO, 150, SimulatorSettings.SERVICE_MAX_OUTPUT_TOKENS));
    }

    @AfterEach
    void stopSimulators() {
        slow.close();
        fast.close();
    }

    @Override
    ScriptedSimulator simulator() {
        return slow;
    }

    /** How a second process on the same database is told no: its exit code is 1 and its log says this. */
    abstract String refusal(NightcastProcess runningFirst);

    @Test
    void aSecondRunRefusesAndSigtermStopsTheFirstCleanlySoTheNextRunContinuesIt() throws Exception {
        Path params = paramsFile(writeEpisodes(EPISODES, 150));
        NightcastProcess first = start("first", params);
        waitUntil(() -> streaming(1.0), RUN_TIMEOUT, first::log);

        NightcastProcess second = start("second", params);
        int secondExit = second.waitFor(RUN_TIMEOUT);

        assertThat(secondExit)
                .as("second run's exit code; its log:\n%s", second.log())
                .isEqualTo(1);
        assertThat(second.log()).contains(refusal(first));
        assertThat(first.isAlive())
                .as("the first run goes on; its log:\n%s", first.log())
                .isTrue();

        waitUntil(() -> streaming(2.0), RUN_TIMEOUT, first::log);
        Set<String> inFlight = requestedEpisodes(slow.narrations());
        first.terminate();
        int firstExit = first.waitFor(RUN_TIMEOUT);

        assertThat(firstExit)
                .as("exit code after SIGTERM; log:\n%s", first.log())
                .isEqualTo(1);
        assertThat(first.log()).contains("Stop requested by SIGTERM");
        Set<String> narratedByFirst = requestedEpisodes(slow.narrations());
        assertThat(narratedByFirst).containsAll(inFlight);
        assertThat(doneEpisodes())
                .as("episodes in flight at SIGTERM finish and are published")
                .isEqualTo(narratedByFirst);
        assertThat(narratedByFirst).hasSizeLessThan(EPISODES);
        assertThat(workFiles()).isEmpty();
        assertThat(lastExecutionStatus()).isEqualTo("STOPPED");
        assertThat(db().sql("SELECT COUNT(*) FROM batch_step_execution WHERE status IN ('STARTING', 'STARTED', "
                                + "'STOPPING')")
                        .query(Long.class)
                        .single())
                .isZero();

        NightcastProcess next = startCommand("next", "narrate", params, fast);
        assertThat(next.waitFor(RUN_TIMEOUT))
                .as("exit code; log:\n%s", next.log())
                .isZero();

        assertThat(next.log()).contains("where execution").contains("(STOPPED)");
        assertThat(requestedEpisodes(fast.narrations()))
                .as("nothing narrated twice")
                .doesNotContainAnyElementsOf(narratedByFirst)
                .hasSize(EPISODES - narratedByFirst.size());
        for (String id : episodes.keySet()) {
            assertPublished(id);
        }
        assertThat(outputNames()).containsExactlyInAnyOrderElementsOf(publishedOutputs(episodes.keySet()));
        assertThat(db().sql("SELECT COUNT(*) FROM batch_job_instance")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(db().sql("SELECT COUNT(*) FROM batch_job_execution")
                        .query(Long.class)
                        .single())
                .as("the refused run created no execution")
                .isEqualTo(2);
    }

    String lastExecutionStatus() {
        List<String> statuses = db().sql("SELECT status FROM batch_job_execution ORDER BY job_execution_id")
                .query(String.class)
                .list();
        return statuses.get(statuses.size() - 1);
    }

    static Set<String> requestedEpisodes(List<Narration> narrations) {
        Set<String> ids = new TreeSet<>();
        narrations.forEach(narration -> ids.add(narration.episode()));
        return ids;
    }
}
