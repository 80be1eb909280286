package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.nightcast.run.ExitCodes;
import dev.nightcast.simulator.Fault;
import dev.nightcast.simulator.Narration;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;
import dev.nightcast.support.NightcastProcess;
import dev.nightcast.support.RequiresPostgres;
import dev.nightcast.support.RequiresRabbitMq;
import dev.nightcast.support.TestScripts;

/**
 * End-of-run segment sharing across hosts, for real: two worker JVMs, each talking to a simulator of
 * its own (so the simulators' records say which host narrated what), a manager JVM, PostgreSQL and
 * RabbitMQ. One long episode and a few short ones: once a host has nothing to claim, its workers
 * narrate segments of the long episode the other host owns, and the owner assembles the whole
 * episode from the kept segments on the shared folder. A helper host killed with SIGKILL while it
 * holds segments costs only those segments, narrated again once its lease has passed.
 */
@RequiresPostgres
@RequiresRabbitMq
class ClusterSegmentSharingProcessTest extends ClusterProcessTestBase {

    private static final String LONG = "long";
    /** 30 segments of 80 words: the other host's slots are idle long before its owner could finish alone. */
    private static final int LONG_WORDS = 2400;

    private static final int SHORT_EPISODES = 3;
    private static final int SHORT_WORDS = 60;
    private static final Duration CLUSTER_TIMEOUT = Duration.ofMinutes(4);
    /** The simulator's speech: one word is 0.4 s of 24 kHz 16-bit audio (150 words a minute). */
    private static final long BYTES_PER_WORD = 9_600 * 2;

    private ScriptedSimulator first;
    private ScriptedSimulator second;

    @BeforeEach
    void setUp() {
        SimulatorSettings speech =
                new SimulatorSettings(30, Duration.ofMillis(100), 150, SimulatorSettings.SERVICE_MAX_OUTPUT_TOKENS);
        first = ScriptedSimulator.start(speech);
        second = ScriptedSimulator.start(speech);
    }

    @AfterEach
    void tearDown() {
        first.close();
        second.close();
    }

    @Override
    ScriptedSimulator simulator() {
        return first;
    }

    @Override
    List<Narration> narrations() {
        List<Narration> all = new ArrayList<>(first.narrations());
        all.addAll(second.narrations());
        return all;
    }

    @Test
    void aLongEpisodeIsNarratedByBothHostsAndPublishedWhole() throws Exception {
        paramsFile(writeInput());
        Map<Long, ScriptedSimulator> simulatorByPid = startWorkers();
        NightcastProcess manager = manager();
        assertThat(manager.waitFor(CLUSTER_TIMEOUT))
                .as("exit code; log:\n%s", manager.log())
                .isZero();

        assertEveryEpisodePublishedWhole();
        ScriptedSimulator owners = simulatorByPid.get(ownerPid());
        ScriptedSimulator helpers = owners == first ? second : first;
        Set<String> byOwner = segmentsOf(LONG, owners.narrations());
        Set<String> byHelper = segmentsOf(LONG, helpers.narrations());
        System.out.println("segment sharing test: the owner's host narrated " + byOwner.size()
                + " segment(s) of the long episode, the other host " + byHelper.size());
        // Measured, not asserted (the machine's load decides): how long the run and the long episode took.
        manager.log()
                .lines()
                .filter(line -> line.contains("wall time"))
                .forEach(line -> System.out.println("segment sharing test: " + line.strip()));
        processes.stream()
                .flatMap(process -> process.log().lines())
                .filter(line -> line.contains("narrated " + LONG + " "))
                .forEach(line -> System.out.println("segment sharing test: " + line.strip()));
        assertThat(processes.stream().flatMap(process -> process.log().lines()))
                .as("the owner counts the other host's segments as narrated in this run, not kept from an earlier one")
                .anySatisfy(line ->
                        assertThat(line).contains("Episode long narrated: 30 segment(s) (0 kept from an earlier run)"));
        Map<String, Object> longRow = db().sql("SELECT * FROM episode WHERE episode_id = :id")
                .param("id", LONG)
                .query()
                .singleRow();
        assertThat(((Number) value(longRow, "attempts")).longValue())
                .as("the episode's attempts: those of both hosts")
                .isEqualTo(byOwner.size() + byHelper.size());
        assertThat(byOwner).as("segments the owner's host narrated").isNotEmpty();
        assertThat(byHelper).as("segments the other host narrated").isNotEmpty();
        assertThat(byHelper).doesNotContainAnyElementsOf(byOwner);
        assertNothingNarratedTwiceBut(Set.of());
        assertThat(db().sql("SELECT COUNT(*) FROM cluster_segment")
                        .query(Long.class)
                        .single())
                .as("the owners withdrew their segments")
                .isZero();
    }

    @Test
    void aHelperHostKilledHoldingSegmentsCostsOnlyThoseSegments() throws Exception {
        paramsFile(writeInput());
        Map<Long, ScriptedSimulator> simulatorByPid = startWorkers();
        NightcastProcess manager = manager();

        // A host narrating segments of the other host's episode, and nothing of its own.
        waitUntil(() -> helperHoldingOnlySegments() != null, CLUSTER_TIMEOUT, manager::log);
        String victimId = helperHoldingOnlySegments();
        long victimPid = Long.parseLong(victimId.split("/")[1]);
        NightcastProcess victim = processes.stream()
                .filter(process -> process.pid() == victimPid)
                .findFirst()
                .orElseThrow();
        ScriptedSimulator victims = simulatorByPid.get(victimPid);
        // Let its requests reach the simulator, so the kill catches a segment mid-stream.
        waitUntil(() -> !segmentsOf(LONG, victims.narrations()).isEmpty(), CLUSTER_TIMEOUT, victim::log);
        victim.kill();
        Set<String> held = new TreeSet<>(db().sql("""
                SELECT segment_key FROM cluster_segment WHERE state = 'TAKEN' AND worker_id = :worker""").param("worker", victimId).query(String.class).list().stream()
                .map(key -> Integer.toString(Integer.parseInt(key)))
                .toList());
        System.out.println("segment sharing test: killed " + victimId + " holding segments " + held);
        assertThat(held).as("segments the killed host held").isNotEmpty();

        assertThat(manager.waitFor(CLUSTER_TIMEOUT))
                .as("exit code; log:\n%s", manager.log())
                .isZero();
        assertEveryEpisodePublishedWhole();
        Set<String> again = assertNothingNarratedTwiceBut(held);
        System.out.println("segment sharing test: narrated again " + again);
    }

    @Test
    void aSegmentThatFailsOnTheHelperHostFailsTheEpisodeOnItsOwner() throws Exception {
        paramsFile(writeInput());
        Map<Long, ScriptedSimulator> simulatorByPid = startWorkers();
        NightcastProcess manager = manager();

        // Once the short episodes are done, the other host's next response is a helper's.
        waitUntil(() -> doneEpisodesIfAny() == SHORT_EPISODES && longClaimed(), CLUSTER_TIMEOUT, manager::log);
        ScriptedSimulator helpers = simulatorByPid.get(ownerPid()) == first ? second : first;
        helpers.enqueueFault(Fault.responseIncomplete("content_filter"));

        assertThat(manager.waitFor(CLUSTER_TIMEOUT))
                .as("exit code; log:\n%s", manager.log())
                .isEqualTo(ExitCodes.SOME_EPISODES_FAILED);
        Map<String, Object> row = db().sql("SELECT * FROM episode WHERE episode_id = :id")
                .param("id", LONG)
                .query()
                .singleRow();
        System.out.println("segment sharing test: the owner reported " + value(row, "failure_reason"));
        assertThat(value(row, "status")).isEqualTo("FAILED");
        assertThat(value(row, "failure_kind")).isEqualTo("PERMANENT");
        assertThat((String) value(row, "failure_reason")).contains("content_filter");
        assertThat(output().resolve(LONG + ".wav")).doesNotExist();
        assertThat(segmentsOf(LONG, helpers.narrations()))
                .as("the helper host's segments")
                .isNotEmpty();
        assertThat(db().sql("SELECT COUNT(*) FROM cluster_segment")
                        .query(Long.class)
                        .single())
                .as("the owner withdrew the failed episode's segments")
                .isZero();
    }

    private boolean longClaimed() {
        return db().sql("SELECT COUNT(*) FROM cluster_claim WHERE entry_id = :id AND state = 'CLAIMED'")
                        .param("id", LONG)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private int doneEpisodesIfAny() {
        try {
            return doneEpisodes().size();
        } catch (org.springframework.dao.DataAccessException notMigratedYet) {
            return 0;
        }
    }

    /** Writes the long episode first (the first claimed) and the short ones after it. */
    private Path writeInput() throws IOException {
        StringBuilder csv = new StringBuilder("episode_id,script\n");
        episodes.put(LONG, TestScripts.prose(LONG, 1, LONG_WORDS));
        for (int i = 1; i <= SHORT_EPISODES; i++) {
            episodes.put("short-" + i, TestScripts.prose("short" + i, 1, SHORT_WORDS));
        }
        episodes.forEach((id, text) -> csv.append(id).append(",\"").append(text).append("\"\n"));
        Path file = dir.resolve("episodes.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        Files.createDirectories(output());
        return file;
    }

    private Map<Long, ScriptedSimulator> startWorkers() {
        Map<Long, ScriptedSimulator> byPid = new HashMap<>();
        byPid.put(worker("worker-1", first).pid(), first);
        byPid.put(worker("worker-2", second).pid(), second);
        return byPid;
    }

    private NightcastProcess worker(String name, ScriptedSimulator simulator) {
        List<String> args = new ArrayList<>(List.of(
                "--nightcast.gateway.azure.endpoint=" + simulator.baseUrl(),
                // No pauses: the episode's audio is exactly the sum of its segments'.
                "--nightcast.narration.segment-pause=0s",
                "--nightcast.narration.paragraph-pause=0s",
                "--nightcast.narration.section-pause=0s",
                "--nightcast.narration.turn-pause=0s",
                "--nightcast.cluster.slots=2"));
        args.addAll(clusterArgs());
        return startWorker(name, Map.of("AZURE_OPENAI_API_KEY", FAKE_KEY), args);
    }

    private NightcastProcess manager() throws IOException {
        return startManager("manager", dir.resolve("nightly.properties"), 4, clusterArgs());
    }

    /** Every episode published, its audio the sum of its segments' (no pauses), accepted by sox. */
    private void assertEveryEpisodePublishedWhole() throws Exception {
        for (Map.Entry<String, String> episode : episodes.entrySet()) {
            assertPublished(episode.getKey());
            Path wav = output().resolve(episode.getKey() + ".wav");
            long words = words(episode.getValue()).size();
            assertThat(Files.size(wav) - 44)
                    .as("audio bytes of %s: %d words of the simulator's speech", episode.getKey(), words)
                    .isEqualTo(words * BYTES_PER_WORD);
            assertThat(soxSamples(wav)).as("samples sox reads in %s", wav).isEqualTo(words * BYTES_PER_WORD / 2);
        }
    }

    /**
     * Every segment of every episode requested exactly once, across both simulators, except those in
     * {@code mayRepeat} (of the long episode).
     *
     * @return the segments of the long episode requested more than once
     */
    private Set<String> assertNothingNarratedTwiceBut(Set<String> mayRepeat) {
        Map<String, Integer> requests = new HashMap<>();
        narrations().forEach(n -> requests.merge(n.episode() + "/" + n.segment(), 1, Integer::sum));
        Set<String> again = new TreeSet<>();
        requests.forEach((segment, count) -> {
            if (count > 1) {
                again.add(segment);
            }
        });
        Set<String> allowed = new TreeSet<>();
        mayRepeat.forEach(segment -> allowed.add(LONG + "/" + segment));
        assertThat(again).as("segments requested more than once").isSubsetOf(allowed);
        requests.forEach((segment, count) ->
                assertThat(count).as("requests of %s", segment).isLessThanOrEqualTo(2));
        return again;
    }

    private static Set<String> segmentsOf(String episode, List<Narration> narrations) {
        Set<String> segments = new TreeSet<>();
        narrations.stream().filter(n -> episode.equals(n.episode())).forEach(n -> segments.add(n.segment()));
        return segments;
    }

    private long ownerPid() {
        String owner = db().sql("SELECT worker_id FROM cluster_claim WHERE entry_id = :id")
                .param("id", LONG)
                .query(String.class)
                .single();
        return Long.parseLong(owner.split("/")[1]);
    }

    /** A worker host that holds segments of another host's episode and no claim of its own, or null. */
    private String helperHoldingOnlySegments() {
        try {
            return db().sql("""
                    SELECT s.worker_id FROM cluster_segment s
                    WHERE s.state = 'TAKEN' AND s.worker_id <> s.owner_id
                      AND NOT EXISTS (SELECT 1 FROM cluster_claim c WHERE c.worker_id = s.worker_id AND c.state = 'CLAIMED')
                    LIMIT 1""").query(String.class).optional().orElse(null);
        } catch (org.springframework.dao.DataAccessException notMigratedYet) {
            return null;
        }
    }

    private static long soxSamples(Path wav) throws Exception {
        Process process = new ProcessBuilder("sox", "--i", "-s", wav.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("sox --i on %s: %s", wav, out).isZero();
        return Long.parseLong(out);
    }
}
