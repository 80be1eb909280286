package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.nightcast.run.ExitCodes;
import dev.nightcast.run.RunResult;
import dev.nightcast.simulator.Narration;
import dev.nightcast.simulator.ResponseHold;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;
import dev.nightcast.support.TestScripts;

/**
 * {@code concurrency=N} keeps N narrations in flight: responses are pinned in the simulator with
 * holds, so what is in flight at once is observed, not timed.
 */
@SpringBootTest
class ContinuousConcurrencyTest extends NarrateJobTestBase {

    /** A simulator of this class's own, so its in-flight peaks belong to these tests alone. */
    static final ScriptedSimulator OWN = ScriptedSimulator.start(SimulatorSettings.fast());

    private static final Duration POLL_LIMIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:continuous-concurrency;DB_CLOSE_DELAY=-1");
        registry.add("nightcast.command-line.enabled", () -> "false");
        registry.add("nightcast.gateway.azure.endpoint", OWN::baseUrl);
        registry.add("nightcast.gateway.azure.api-key", () -> FAKE_KEY);
        // Held responses are silent; the client must wait for them rather than give up.
        registry.add("nightcast.gateway.timeouts.idle", () -> "60s");
    }

    @AfterAll
    static void stopSimulator() {
        OWN.close();
    }

    @BeforeEach
    void freshPeaks() {
        OWN.resetPeaks();
    }

    private Path shortEpisodes(String name, String prefix, int count) throws Exception {
        return write(
                name,
                "episode_id,script\n"
                        + IntStream.rangeClosed(1, count)
                                .mapToObj(i -> prefix + i + ",Short episode number " + i + ".")
                                .collect(Collectors.joining("\n"))
                        + "\n");
    }

    private long doneRows(String prefix) {
        return jdbc.sql("SELECT COUNT(*) FROM episode WHERE status = 'DONE' AND episode_id LIKE :prefix")
                .param("prefix", prefix + "%")
                .query(Long.class)
                .single();
    }

    @Test
    void exactlyNNarrationsAreInFlightAtOnceWhileWorkRemains() throws Exception {
        Path csv = shortEpisodes("inflight.csv", "inflight-", 10);
        ResponseHold hold = OWN.holdResponses(narration -> narration.episode().startsWith("inflight-"));

        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> launch(params(csv, "concurrency", "4")));
        await().atMost(POLL_LIMIT).until(() -> hold.waiting() == 4);

        assertThat(OWN.activeResponses()).isEqualTo(4);
        assertThat(OWN.activeSessions()).isEqualTo(4);
        assertThat(run).isNotDone();
        hold.release();
        RunResult result = run.get(POLL_LIMIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(result.summary().narrated()).isEqualTo(10);
        assertThat(OWN.peakResponses()).isEqualTo(4);
    }

    @Test
    void moreWorkersThanPooledConnectionsAreAllNarratingAtOnce() throws Exception {
        // The pool holds 10 connections; a worker must not keep one while it narrates.
        Path csv = shortEpisodes("pool.csv", "pool-", 14);
        ResponseHold hold = OWN.holdResponses(narration -> narration.episode().startsWith("pool-"));

        CompletableFuture<RunResult> run =
                CompletableFuture.supplyAsync(() -> launch(params(csv, "concurrency", "12")));
        await().atMost(POLL_LIMIT).until(() -> hold.waiting() == 12);
        hold.release();
        RunResult result = run.get(POLL_LIMIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(doneRows("pool-")).isEqualTo(14);
        assertThat(OWN.peakResponses()).isEqualTo(12);
    }

    @Test
    void aLongEpisodeInFlightNeverHoldsTheOtherSlotsIdle() throws Exception {
        String longScript = TestScripts.prose("slow", 4, 200);
        write("scripts/slow.txt", longScript);
        Path csv = write(
                "long-and-short.csv",
                "episode_id,script,script_file\nslow-1,,scripts/slow.txt\n"
                        + IntStream.rangeClosed(1, 12)
                                .mapToObj(i -> "quick-" + i + ",Quick episode " + i + ".,")
                                .collect(Collectors.joining("\n"))
                        + "\n");
        ResponseHold slow = OWN.holdResponses(narration -> "slow-1".equals(narration.episode()));

        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> launch(params(csv, "concurrency", "3")));

        // While the long episode's first segment is pinned in flight, the two other slots narrate
        // and publish every short episode, one after the other; then, with the input exhausted,
        // they help with the long episode's other segments instead of ending.
        await().atMost(POLL_LIMIT).until(() -> doneRows("quick-") == 12);
        await().atMost(POLL_LIMIT).until(() -> slow.waiting() == 3);
        assertThat(OWN.activeSessions()).isEqualTo(3);
        assertThat(run).isNotDone();
        slow.release();
        RunResult result = run.get(POLL_LIMIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(result.summary().narrated()).isEqualTo(13);
        assertPublishedWav("slow-1");
        assertEachSegmentRequestedOnce("slow-1");
    }

    @Test
    void theLastEpisodeOfARunIsReadByEverySlotSegmentBySegment() throws Exception {
        write("scripts/solo.txt", TestScripts.prose("solo", 10, 150));
        Path csv = write("solo.csv", "episode_id,script,script_file\nsolo-1,,scripts/solo.txt\n");
        ResponseHold hold = OWN.holdResponses(narration -> "solo-1".equals(narration.episode()));

        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> launch(params(csv, "concurrency", "4")));
        await().atMost(POLL_LIMIT).until(() -> hold.waiting() == 4);

        assertThat(OWN.activeSessions())
                .as("the owner's session and one per helping slot")
                .isEqualTo(4);
        hold.release();
        RunResult result = run.get(POLL_LIMIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(result.summary().narrated()).isEqualTo(1);
        assertThat(OWN.peakResponses()).isLessThanOrEqualTo(4);
        assertEachSegmentRequestedOnce("solo-1");
        assertThat(Files.readString(output().resolve("solo-1.txt")).strip())
                .as("the transcript, joined in reading order")
                .isEqualTo(TestScripts.prose("solo", 10, 150).strip());
        assertPublishedWav("solo-1");
    }

    private void assertEachSegmentRequestedOnce(String episode) {
        Map<String, Long> requests = OWN.narrations().stream()
                .filter(n -> episode.equals(n.episode()))
                .collect(Collectors.groupingBy(Narration::segment, Collectors.counting()));
        assertThat(requests)
                .hasSizeGreaterThan(3)
                .allSatisfy((segment, count) -> assertThat(count).isEqualTo(1));
    }

    private RunResult launch(RunParams params) {
        try {
            return run(params);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
