package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.nightcast.run.ExitCodes;
import dev.nightcast.run.RunResult;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;
import dev.nightcast.support.RestartingGateway;

/**
 * A gateway whose port stops listening for a while (a restart, a load balancer failing over): the
 * connections through it are dropped and new ones refused, with no {@code Retry-After}. A blip is
 * ridden out with every episode narrated; a refusal that outlasts the outage window stops the run as
 * an outage, and the next run continues. The product's back-off and threshold apply; the window is
 * shortened to {@value #WINDOW_SECONDS} s (the default is 60 s) so the outage case takes seconds.
 */
@SpringBootTest
class GatewayBlipJobTest extends NarrateJobTestBase {

    private static final int WINDOW_SECONDS = 15;
    private static final int EPISODES = 16;
    private static final int CONCURRENCY = 4;
    /** 20 times faster than real time: an episode of a dozen words takes about a quarter of a second. */
    private static final ScriptedSimulator PACED =
            ScriptedSimulator.start(SimulatorSettings.fast().withRealtimeFactor(20));

    private static final RestartingGateway GATEWAY =
            RestartingGateway.inFrontOf(URI.create(PACED.baseUrl()).getPort());

    @DynamicPropertySource
    static void blipProperties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:narrate-blips;DB_CLOSE_DELAY=-1");
        registry.add("nightcast.command-line.enabled", () -> "false");
        registry.add("nightcast.gateway.azure.endpoint", GATEWAY::baseUrl);
        registry.add("nightcast.gateway.azure.api-key", () -> FAKE_KEY);
        registry.add("nightcast.narration.outage-window", () -> WINDOW_SECONDS + "s");
    }

    @AfterEach
    void listenAgain() {
        GATEWAY.reopen();
    }

    @AfterAll
    static void stopServers() {
        GATEWAY.close();
        PACED.close();
    }

    @ParameterizedTest(name = "{0} s")
    @ValueSource(ints = {2, 8})
    void aGatewayRefusingConnectionsForAFewSecondsIsRiddenOutWithEveryEpisodeNarrated(int seconds) throws Exception {
        // given
        Path csv = episodes("blip" + seconds);
        int responsesBefore = PACED.responsesCreated();

        // when: once the first round is in flight, the port goes away for a few seconds
        RunResult result = runWhile(csv, () -> GATEWAY.refuseFor(Duration.ofSeconds(seconds)), responsesBefore);

        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(result.summary().stopReason()).isNull();
        assertThat(result.summary().narrated()).isEqualTo(EPISODES);
        assertThat(failedCalls()).as("the refusal was met").isPositive();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM episode WHERE status = 'DONE'")
                        .query(Long.class)
                        .single())
                .isEqualTo(EPISODES);
    }

    @Test
    void aRefusalThatOutlastsTheWindowStopsTheRunAsAnOutageAndTheNextRunContinues() throws Exception {
        // given
        Path csv = episodes("down");
        int responsesBefore = PACED.responsesCreated();

        // when: the port does not come back during the run
        RunResult stopped = runWhile(csv, GATEWAY::refuseUntilReopened, responsesBefore);

        // then: an outage after at least the window, with no episode blamed
        assertThat(stopped.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(stopped.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(stopped.summary().stopReason()).contains("The Realtime gateway looks down", "connection failed");
        Matcher span = Pattern.compile("for (\\d+) s").matcher(stopped.summary().stopReason());
        assertThat(span.find()).isTrue();
        assertThat(Integer.parseInt(span.group(1))).isGreaterThanOrEqualTo(WINDOW_SECONDS);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM episode WHERE status = 'FAILED'")
                        .query(Long.class)
                        .single())
                .isZero();

        // when: the gateway is back
        GATEWAY.reopen();
        RunResult resumed = run(params(csv, "concurrency", Integer.toString(CONCURRENCY)));

        // then
        assertThat(resumed.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(resumed.execution().getJobInstanceId())
                .isEqualTo(stopped.execution().getJobInstanceId());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM episode WHERE status = 'DONE'")
                        .query(Long.class)
                        .single())
                .isEqualTo(EPISODES);
    }

    private Path episodes(String prefix) throws Exception {
        return write(
                prefix + ".csv",
                "episode_id,script\n"
                        + IntStream.rangeClosed(1, EPISODES)
                                .mapToObj(i -> prefix + "-" + i + ",Episode " + i + " of the " + prefix
                                        + " night is read aloud" + " for the listeners tonight.")
                                .collect(Collectors.joining("\n"))
                        + "\n");
    }

    /** Runs the job and applies {@code fault} once the first round of responses has started. */
    private RunResult runWhile(Path csv, Runnable fault, int responsesBefore) throws Exception {
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<RunResult> running =
                    background.submit(() -> run(params(csv, "concurrency", Integer.toString(CONCURRENCY))));
            await().pollInterval(Duration.ofMillis(5))
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> PACED.responsesCreated() >= responsesBefore + CONCURRENCY);
            fault.run();
            return running.get(3, TimeUnit.MINUTES);
        } finally {
            background.shutdownNow();
        }
    }

    private long failedCalls() {
        return jdbc.sql("SELECT COUNT(*) FROM episode_attempt WHERE outcome = 'FAILED'")
                .query(Long.class)
                .single();
    }
}
