package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.nightcast.simulator.Narration;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;
import dev.nightcast.support.NightcastProcess;

/**
 * Committed means durable whatever the database URL says: with an H2 URL written by hand, without
 * {@code WRITE_DELAY=0}, H2 would write commits to its file up to half a second later, and a
 * {@code kill -9} right after "published" lost the row, so the episode was narrated and paid for
 * again.
 */
class DurableCommitsH2Test extends ProcessTestBase {

    private static final Pattern PUBLISHED = Pattern.compile("Episode (\\S+) published: ");

    private ScriptedSimulator simulator;

    @BeforeEach
    void startSimulator() {
        // 40 s of audio per episode, streamed in about a second.
        simulator = ScriptedSimulator.start(
                new SimulatorSettings(40, Duration.ofMillis(50), 150, SimulatorSettings.SERVICE_MAX_OUTPUT_TOKENS));
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @Override
    ScriptedSimulator simulator() {
        return simulator;
    }

    /** A plain file URL, as an operator would write it: nothing about write delays. */
    @Override
    TestDatabase database() {
        return new TestDatabase("jdbc:h2:file:" + dir.resolve("plain/nightcast"), "sa", "");
    }

    @Test
    void anEpisodeLoggedPublishedJustBeforeAKillMinusNineIsNeverNarratedAgain() throws Exception {
        Path params = paramsFile(writeEpisodes(4, 100));

        NightcastProcess first = start("run-1", params, "--concurrency=1");
        waitUntil(() -> PUBLISHED.matcher(first.log()).find(), RUN_TIMEOUT, first::log);
        first.kill();
        Set<String> loggedPublished = published(first.log());
        int narratedBeforeKill = narrations().size();

        assertThat(doneEpisodes()).as("rows of the episodes logged published").containsAll(loggedPublished);
        NightcastProcess second = start("run-2", params);
        assertThat(second.waitFor(RUN_TIMEOUT))
                .as("exit code; log:%n%s", second.log())
                .isZero();
        List<String> narratedAgain = narrations()
                .subList(narratedBeforeKill, narrations().size())
                .stream()
                .map(Narration::episode)
                .toList();
        assertThat(narratedAgain).as("narrated after the kill").doesNotContainAnyElementsOf(loggedPublished);
        for (String id : episodes.keySet()) {
            assertPublished(id);
        }
    }

    private static Set<String> published(String log) {
        Set<String> ids = new TreeSet<>();
        Matcher matcher = PUBLISHED.matcher(log);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }
}
