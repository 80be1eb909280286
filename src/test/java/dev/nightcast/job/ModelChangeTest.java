package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;
import dev.nightcast.support.NightcastProcess;

/**
 * The model is infrastructure (the Azure deployment), not a params key, so changing it takes a new
 * process: the real application is run twice, the second time with another deployment.
 */
class ModelChangeTest extends ProcessTestBase {

    private ScriptedSimulator simulator;

    @BeforeEach
    void startSimulator() {
        simulator = ScriptedSimulator.start(SimulatorSettings.fast());
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @Override
    ScriptedSimulator simulator() {
        return simulator;
    }

    @Override
    TestDatabase database() {
        return defaultH2(dir);
    }

    @Test
    void anotherModelNarratesEveryEpisodeAgainAndReplacesItsFiles() throws Exception {
        Path params = paramsFile(writeEpisodes(3, 40));
        NightcastProcess first = start("first", params);
        assertThat(first.waitFor(RUN_TIMEOUT)).as("log:\n%s", first.log()).isZero();
        List<Map<String, Object>> before =
                db().sql("SELECT * FROM episode ORDER BY episode_id").query().listOfRows();

        NightcastProcess second = start("second", params, "--nightcast.gateway.azure.deployment=gpt-realtime");
        assertThat(second.waitFor(RUN_TIMEOUT)).as("log:\n%s", second.log()).isZero();

        List<Map<String, Object>> after =
                db().sql("SELECT * FROM episode ORDER BY episode_id").query().listOfRows();
        for (int i = 0; i < episodes.size(); i++) {
            assertThat(value(before.get(i), "model")).isEqualTo("gpt-realtime-mini");
            assertThat(value(after.get(i), "model")).isEqualTo("gpt-realtime");
            assertThat(value(after.get(i), "fingerprint")).isNotEqualTo(value(before.get(i), "fingerprint"));
        }
        for (String id : episodes.keySet()) {
            assertThat(simulator.narrations().stream().filter(n -> id.equals(n.episode())))
                    .hasSize(2);
            assertPublished(id);
        }
        assertThat(outputNames())
                .as("the new files replaced the old ones")
                .containsExactlyInAnyOrderElementsOf(publishedOutputs(episodes.keySet()));
    }
}
