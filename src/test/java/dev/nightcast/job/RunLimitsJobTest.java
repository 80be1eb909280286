package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.nightcast.budget.Cost;
import dev.nightcast.cli.StatusCommand;
import dev.nightcast.report.RunReport;
import dev.nightcast.run.ExitCodes;
import dev.nightcast.run.RunResult;

/** max-cost and finish-by: the run stops starting episodes, ends cleanly, and the next run continues. */
@ExtendWith(OutputCaptureExtension.class)
class RunLimitsJobTest extends OperatorJobTestBase {

    @Autowired
    SettableClock clock;

    @Autowired
    EpisodeHook hook;

    @Autowired
    RunReport reports;

    @Autowired
    StatusCommand status;

    @AfterEach
    void restore() {
        clock.reset();
        hook.clear();
    }

    @Test
    void maxCostStopsStartingEpisodesOnceTheNextWouldPassItAndTheNextRunContinues() throws Exception {
        // Given what one episode of this length costs, as the gateway reports it
        BigDecimal one = run(params(write("calibrate.csv", "episode_id,script\n" + row("cal"))))
                .summary()
                .cost()
                .usd();
        assertThat(one).isPositive();
        Path csv = write("budget.csv", "episode_id,script\n" + row("b1") + row("b2") + row("b3") + row("b4"));
        BigDecimal maxCost = one.multiply(new BigDecimal("2.5"));

        // When the run may spend two and a half of them
        RunResult first = run(params(csv, "concurrency", "1", "max-cost", maxCost.toPlainString()));

        // Then it narrates two, stops before the third would pass the cap, and says why
        assertThat(first.exitCode()).isEqualTo(ExitCodes.STOPPED_AT_LIMIT);
        assertThat(first.execution().getStatus()).isEqualTo(BatchStatus.STOPPED);
        assertThat(first.summary().narrated()).isEqualTo(2);
        assertThat(first.summary().cost().usd()).isLessThanOrEqualTo(maxCost);
        assertThat(first.summary().stopReason())
                .startsWith("max-cost $")
                .contains("left 2 episodes that would pass it: b3 (about $")
                .contains(", b4 (about $");
        assertThat(report(first)).contains("stopped early: max-cost $");
        JsonNode json = new ObjectMapper()
                .readTree(output().resolve("runs")
                        .resolve(first.execution().getId() + ".json")
                        .toFile());
        assertThat(json.path("stopReason").asText()).startsWith("max-cost");
        assertThat(json.path("status").asText()).isEqualTo("STOPPED");
        assertThat(output().resolve("b3.wav")).doesNotExist();

        // And the next run continues the same job instance with the rest
        RunResult second = run(params(csv, "concurrency", "1"));
        assertThat(second.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(second.execution().getJobInstance().getInstanceId())
                .isEqualTo(first.execution().getJobInstance().getInstanceId());
        assertThat(second.summary().narrated()).isEqualTo(2);
        assertThat(second.summary().skipped()).isEqualTo(2);
        assertThat(second.summary().stopReason()).isNull();
        assertPublishedWav("b3");
        assertPublishedWav("b4");
    }

    @Test
    void aContinuedRunSpendsTheBudgetItIsGivenNowAndStatusShowsEachExecutionsLimits(CapturedOutput out)
            throws Exception {
        // Given what one episode of this length costs, and a run stopped by a budget of one and a half
        // (at a time of day far from its finish-by)
        ZoneId zone = ZoneId.systemDefault();
        clock.set(LocalDate.now(zone).atTime(6, 0).atZone(zone).toInstant());
        BigDecimal one = run(params(write("calibrate-again.csv", "episode_id,script\n" + row("cal-2"))))
                .summary()
                .cost()
                .usd();
        Path csv = write("rebudget.csv", "episode_id,script\n" + row("r1") + row("r2") + row("r3") + row("r4"));
        BigDecimal lastNight = one.multiply(new BigDecimal("1.5"));
        BigDecimal tonight = one.multiply(new BigDecimal("2.5"));
        RunResult first =
                run(params(csv, "concurrency", "1", "max-cost", lastNight.toPlainString(), "finish-by", "23:59"));
        assertThat(first.exitCode()).isEqualTo(ExitCodes.STOPPED_AT_LIMIT);
        assertThat(first.summary().narrated()).isEqualTo(1);

        // When the same run is continued with a larger budget and no deadline
        RunResult second = run(params(csv, "concurrency", "1", "max-cost", tonight.toPlainString()));

        // Then the continued execution spends tonight's budget: two more episodes, not last night's one, not all
        assertThat(second.execution().getJobInstance().getInstanceId())
                .isEqualTo(first.execution().getJobInstance().getInstanceId());
        assertThat(second.exitCode()).isEqualTo(ExitCodes.STOPPED_AT_LIMIT);
        assertThat(second.summary().narrated()).isEqualTo(2);
        assertThat(second.summary().skipped()).isEqualTo(1);
        assertThat(second.summary().stopReason()).startsWith("max-cost " + Cost.format(tonight) + " reached");
        assertThat(second.execution().getJobParameters().getString("finish-by")).isNull();

        // And status shows the limits each execution ran under
        int code = status.run(new DefaultApplicationArguments("status", "--limit=2"));
        assertThat(code).isEqualTo(ExitCodes.ALL_DONE);
        String text = out.getOut().substring(out.getOut().lastIndexOf("exec"));
        assertThat(text.lines().findFirst().orElseThrow()).endsWith("cost  max-cost finish-by");
        assertThat(text.lines().skip(1).limit(2))
                .satisfiesExactly(
                        line -> assertThat(line.split("\\s+"))
                                .startsWith(String.valueOf(second.execution().getId()))
                                .endsWith(Cost.format(tonight), "-"),
                        line -> assertThat(line.split("\\s+"))
                                .startsWith(String.valueOf(first.execution().getId()))
                                .endsWith(Cost.format(lastNight), "23:59"));
    }

    @Test
    void anEpisodeThatWouldPassMaxCostIsLeftWhileCheaperOnesAfterItAreNarratedInInputOrder() throws Exception {
        // Given what a short episode costs, and a long one of about four times its length between short ones
        BigDecimal one = run(params(write("calibrate-fill.csv", "episode_id,script\n" + row("cal-3"))))
                .summary()
                .cost()
                .usd();
        String longText = "A long episode about the whole coast, told slowly and in detail. ".repeat(12);
        Path csv = write(
                "fill.csv", "episode_id,script\n" + row("f1") + "f2,\"" + longText + "\"\n" + row("f3") + row("f4"));
        BigDecimal maxCost = one.multiply(new BigDecimal("3.5"));

        // When the run may spend three and a half short episodes
        RunResult first = run(params(csv, "concurrency", "1", "max-cost", maxCost.toPlainString()));

        // Then it narrates the three short ones, in input order, leaves the long one, and says so
        assertThat(first.summary().narrated()).isEqualTo(3);
        assertThat(first.summary().cost().usd()).isLessThanOrEqualTo(maxCost);
        assertThat(jdbc.sql("SELECT episode_id FROM episode WHERE status = 'DONE' AND episode_id LIKE 'f%'"
                                + " ORDER BY started_at")
                        .query(String.class)
                        .list())
                .containsExactly("f1", "f3", "f4");
        assertThat(output().resolve("f2.wav")).doesNotExist();
        assertThat(first.exitCode()).isEqualTo(ExitCodes.STOPPED_AT_LIMIT);
        assertThat(first.execution().getStatus()).isEqualTo(BatchStatus.STOPPED);
        assertThat(first.summary().stopReason())
                .startsWith("max-cost " + Cost.format(maxCost) + " reached: spent $")
                .contains("left 1 episode that would pass it: f2 (about $");
        assertThat(report(first)).contains("stopped early: max-cost");

        // And the next run, without the cap, continues with the one left
        RunResult second = run(params(csv, "concurrency", "1"));
        assertThat(second.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(second.summary().narrated()).isEqualTo(1);
        assertPublishedWav("f2");
    }

    @Test
    void anEpisodeAlreadyNarratedIsSkippedForFreeEvenWhenItsEstimateWouldPassMaxCost() throws Exception {
        run(params(write("done.csv", "episode_id,script\n" + row("p1"))));
        Path csv = write("more.csv", "episode_id,script\n" + row("p1") + row("p2"));

        RunResult result = run(params(csv, "concurrency", "1", "max-cost", "0.0001"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.STOPPED_AT_LIMIT);
        assertThat(result.summary().skipped()).isEqualTo(1);
        assertThat(result.summary().narrated()).isZero();
        assertThat(result.summary().stopReason()).contains("left 1 episode that would pass it: p2 (about $");
    }

    @Test
    void finishByStopsStartingEpisodesAfterTheTimeAndTheNextRunContinues() throws Exception {
        // Given a run that starts at 06:00 local time with finish-by 06:30, and time that jumps to
        // 06:31 as its first episode finishes
        ZoneId zone = ZoneId.systemDefault();
        LocalDate today = LocalDate.now(zone);
        clock.set(today.atTime(6, 0).atZone(zone).toInstant());
        hook.onEpisode(event -> clock.set(today.atTime(6, 31).atZone(zone).toInstant()));
        Path csv = write("deadline.csv", "episode_id,script\n" + row("d1") + row("d2") + row("d3"));

        // When it runs
        RunResult first = run(params(csv, "concurrency", "1", "finish-by", "06:30"));

        // Then the episode in flight finishes and commits, and nothing else starts
        assertThat(first.exitCode()).isEqualTo(ExitCodes.STOPPED_AT_LIMIT);
        assertThat(first.execution().getStatus()).isEqualTo(BatchStatus.STOPPED);
        assertThat(first.summary().narrated()).isEqualTo(1);
        assertThat(first.summary().stopReason()).isEqualTo("finish-by 06:30 reached");
        assertPublishedWav("d1");
        try (var files = Files.list(output())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
        }

        // And the next run (at 06:31 its deadline is tomorrow's 06:30) continues with the rest
        hook.clear();
        RunResult second = run(params(csv, "concurrency", "1", "finish-by", "06:30"));
        assertThat(second.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(second.execution().getJobInstance().getInstanceId())
                .isEqualTo(first.execution().getJobInstance().getInstanceId());
        assertThat(second.summary().narrated()).isEqualTo(2);
        assertThat(second.summary().skipped()).isEqualTo(1);
    }

    private String report(RunResult result) {
        return reports.render(result.summary());
    }

    /** About forty words, the same count for every tag, so each episode costs about the same. */
    private static String sentence(String tag) {
        return ("Episode " + tag + " tells a quiet story about the sea, the wind and a small boat that sails home "
                + "before dark while the lighthouse keeper watches the waves and writes the weather into an old "
                + "book that smells of salt and rain every single evening.");
    }

    private static String row(String id) {
        return id + ",\"" + sentence(id) + "\"\n";
    }
}
