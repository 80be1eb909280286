package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.nightcast.simulator.Narration;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;
import dev.nightcast.support.NightcastProcess;

/**
 * Kills the real application with SIGKILL at four kinds of moments (mid-stream, between two
 * episodes, while publishing, while stopping after a SIGTERM), restarting it after each kill, and
 * checks that the run still ends
 * with every episode published exactly once and that only the episodes in flight at a kill were
 * narrated again. The kill moments are found by watching the output folder, never by sleeping.
 */
abstract class CrashRecoveryTestBase extends ProcessTestBase {

    private static final int EPISODES = 10;
    private static final int WORDS = 150;

    private ScriptedSimulator simulator;
    private final List<Kill> kills = new ArrayList<>();

    /** One kill: where it hit, and what was in flight then (requested, neither published nor staged). */
    record Kill(String point, int mark, Set<String> inFlight, double inFlightSeconds) {}

    @BeforeEach
    void startSimulator() {
        // 60 s of audio per episode, streamed in about a second: long enough to be caught mid-stream.
        simulator = ScriptedSimulator.start(
                new SimulatorSettings(60, Duration.ofMillis(100), 150, SimulatorSettings.SERVICE_MAX_OUTPUT_TOKENS));
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @Override
    ScriptedSimulator simulator() {
        return simulator;
    }

    @Test
    void aRunKilledAtAnyMomentEndsWithEveryEpisodePublishedOnceAndOnlyTheInFlightOnesNarratedAgain() throws Exception {
        Path params = paramsFile(writeEpisodes(EPISODES, WORDS));
        System.out.println("crash test in " + dir + " (kept if the test fails, with the logs of every run)");

        NightcastProcess first = start("run-1", params);
        waitUntil(() -> streaming(1.0) && narrations().size() >= 2, RUN_TIMEOUT, first::log);
        killed(first, "mid-stream");

        // Concurrency may change between a failed run and its restart; one worker makes "between" exact:
        // its episode has committed (the stage record goes last), the next one is not streaming yet.
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            output().register(watcher, StandardWatchEventKinds.ENTRY_DELETE);
            NightcastProcess second = start("run-2", params, "--concurrency=1");
            awaitStageRecord(watcher, second);
            killed(second, "between episodes");
        }

        killWhilePublishing(params);

        // A scheduler's grace period running out: SIGTERM, then SIGKILL before the episodes in flight finish.
        NightcastProcess fourth = start("run-4", params);
        // Once the job runs, the killed run's temporary files are gone: any audio in one is fresh.
        waitUntil(
                () -> fourth.log().contains("Executing step: [narrateWorker") && streaming(5.0),
                RUN_TIMEOUT,
                fourth::log);
        fourth.terminate();
        waitUntil(() -> fourth.log().contains("is stopping"), RUN_TIMEOUT, fourth::log);
        killed(fourth, "while stopping");
        assertThat(db().sql("SELECT status FROM batch_job_execution ORDER BY job_execution_id DESC")
                        .query(String.class)
                        .list())
                .first()
                .isEqualTo("STOPPED");
        assertThat(db().sql("SELECT COUNT(*) FROM batch_step_execution WHERE status = 'STARTED'")
                        .query(Long.class)
                        .single())
                .as("workers killed while finishing their episodes")
                .isPositive();

        NightcastProcess last = start("run-last", params, "--concurrency=3");
        assertThat(last.waitFor(RUN_TIMEOUT))
                .as("exit code; log:\n%s", last.log())
                .isZero();

        for (String id : episodes.keySet()) {
            assertPublished(id);
        }
        assertThat(outputNames())
                .as("nothing but the published files")
                .containsExactlyInAnyOrderElementsOf(publishedOutputs(episodes.keySet()));
        assertThat(db().sql("SELECT COUNT(*) FROM episode").query(Long.class).single())
                .isEqualTo(EPISODES);
        assertThat(db().sql("SELECT COUNT(*) FROM batch_job_instance")
                        .query(Long.class)
                        .single())
                .as("every restart continued the same run")
                .isEqualTo(1);
        assertThat(db().sql("SELECT status FROM batch_job_execution ORDER BY job_execution_id")
                        .query(String.class)
                        .list())
                .last()
                .isEqualTo("COMPLETED");
        assertThat(db().sql("SELECT COUNT(*) FROM batch_job_execution WHERE status IN ('STARTING', 'STARTED', "
                                + "'STOPPING') OR end_time IS NULL")
                        .query(Long.class)
                        .single())
                .isZero();
        assertOnlyInFlightEpisodesNarratedAgain();
    }

    /** Kills a run as soon as a stage record appears; retries with the next one if the kill came too late. */
    private void killWhilePublishing(Path params) throws Exception {
        for (int attempt = 1; attempt <= 4; attempt++) {
            try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
                output().register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
                NightcastProcess run = start("run-3-" + attempt, params);
                awaitStageRecord(watcher, run);
                killed(run, "while publishing");
                boolean hit =
                        workFiles().stream().anyMatch(file -> file.toString().endsWith(".stage.part"));
                System.out.printf(
                        "crash test: kill while publishing, try %d: %s%n",
                        attempt, hit ? "hit (stage record left for recovery)" : "too late (already published)");
                if (hit) {
                    return;
                }
            }
        }
        throw new AssertionError("Four kills in a row came after the publishing they aimed at");
    }

    /**
     * Waits for a stage record to appear or to go, whichever the watcher watches, once the job runs
     * (recovery before the job also publishes and removes stage records).
     */
    private void awaitStageRecord(WatchService watcher, NightcastProcess run) throws Exception {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            WatchKey key = watcher.poll(50, TimeUnit.MILLISECONDS);
            if (key == null) {
                assertThat(run.isAlive())
                        .as("run ended before publishing anything; log:\n%s", run.log())
                        .isTrue();
                continue;
            }
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.context() instanceof Path name
                        && name.toString().endsWith(".stage.part")
                        && run.log().contains("Executing step: [narrateWorker")) {
                    return;
                }
            }
            key.reset();
        }
        throw new AssertionError("No stage record within " + RUN_TIMEOUT + "; log:\n" + run.log());
    }

    private Kill killed(NightcastProcess run, String point) throws Exception {
        run.kill();
        assertNoPartialOrDanglingOutput();
        List<Narration> requested = narrations();
        Set<String> inFlight = new TreeSet<>();
        requested.forEach(narration -> inFlight.add(narration.episode()));
        inFlight.removeAll(doneEpisodes());
        inFlight.removeAll(staged());
        double seconds =
                inFlight.stream().mapToDouble(id -> seconds(episodes.get(id))).sum();
        Kill kill = new Kill(point, requested.size(), inFlight, seconds);
        kills.add(kill);
        return kill;
    }

    /** Episodes whose narration was complete and is waiting to be published by the next run. */
    private Set<String> staged() {
        Set<String> staged = new HashSet<>();
        for (Path file : workFiles()) {
            String name = file.getFileName().toString();
            if (name.endsWith(".stage.part")) {
                // .<id>.<12 hex digits>.stage.part
                staged.add(name.substring(1, name.length() - ".123456789abc.stage.part".length()));
            }
        }
        return staged;
    }

    private void assertOnlyInFlightEpisodesNarratedAgain() {
        List<Narration> all = narrations();
        StringBuilder report = new StringBuilder("crash test (" + getClass().getSimpleName() + "):\n");
        for (int k = 0; k < kills.size(); k++) {
            Kill kill = kills.get(k);
            int end = k + 1 < kills.size() ? kills.get(k + 1).mark() : all.size();
            Set<String> before = new HashSet<>();
            all.subList(0, kill.mark()).forEach(n -> before.add(n.episode() + "\u0000" + n.text()));
            List<Narration> again = all.subList(kill.mark(), end).stream()
                    .filter(n -> before.contains(n.episode() + "\u0000" + n.text()))
                    .toList();
            Set<String> againEpisodes = new TreeSet<>();
            again.forEach(n -> againEpisodes.add(n.episode()));
            double againSeconds =
                    again.stream().mapToDouble(n -> seconds(n.text())).sum();
            report.append(String.format(
                    Locale.ROOT,
                    "  kill %d %-17s in flight %s (%.0f s of audio); narrated again %d segment(s) of %s, %.1f s%n",
                    k + 1,
                    "(" + kill.point() + "):",
                    kill.inFlight(),
                    kill.inFlightSeconds(),
                    again.size(),
                    againEpisodes,
                    againSeconds));
            assertThat(kill.inFlight())
                    .as("narrated again after kill %d (%s)", k + 1, kill.point())
                    .containsAll(againEpisodes);
        }
        System.out.print(report);
    }
}
