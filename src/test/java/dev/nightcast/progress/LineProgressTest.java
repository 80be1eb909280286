package dev.nightcast.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.nightcast.progress.EpisodeEvent.Outcome;

class LineProgressTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final LineProgress lines = new LineProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 12);

    @Test
    void everyFinishedEntryIsOnePlainLine() {
        lines.episode(
                new EpisodeEvent(
                        Outcome.NARRATED,
                        "ep-1",
                        "One",
                        83_000,
                        Duration.ofSeconds(9),
                        new BigDecimal("0.0351"),
                        null,
                        "in.csv:2"),
                progress(1, 0, 0, 0));
        lines.episode(
                new EpisodeEvent(Outcome.SKIPPED, "ep-2", "Two", 0, Duration.ZERO, null, null, "in.csv:3"),
                progress(1, 1, 0, 0));
        lines.episode(
                new EpisodeEvent(
                        Outcome.FAILED,
                        "ep-3",
                        "Three",
                        0,
                        Duration.ofSeconds(2),
                        null,
                        "segment 1 failed:\nHTTP 401\tdenied",
                        "in.csv:4"),
                progress(1, 1, 1, 0));
        lines.episode(
                new EpisodeEvent(
                        Outcome.INVALID, "", null, 0, Duration.ZERO, null, "the episode id is missing", "in.csv:5"),
                progress(1, 1, 1, 1));

        assertThat(text()).isEqualTo("""
                [ 1/12] narrated ep-1  1:23 audio in 0:09  $0.0351
                [ 2/12] skipped  ep-2  already narrated
                [ 3/12] FAILED   ep-3  (in.csv:4) segment 1 failed: HTTP 401 denied
                [ 4/12] invalid  (no id)  (in.csv:5) the episode id is missing
                """);
    }

    @Test
    void theSummaryLineSaysWhereTheRunStandsAndWhatIsLeft() {
        lines.tick(new RunProgress(12, 3, 1, 0, 0, 125_000, new BigDecimal("0.05"), Duration.ofSeconds(40)));

        assertThat(text())
                .isEqualTo("-- 4/12 done: 3 narrated, 1 skipped, 0 failed, 0 invalid; 2:05 min audio; "
                        + "$0.0500; elapsed 0:40, about 1:20 left\n");
    }

    @Test
    void aClusterManagersFollowedTotalsAreOneLineEachWithDoneOfTotalAndWhatIsLeft() {
        lines.progressed(new RunProgress(12, 3, 1, 0, 0, 125_000, new BigDecimal("0.05"), Duration.ofSeconds(40)));

        assertThat(text())
                .isEqualTo("[ 4/12] 3 narrated, 1 skipped, 0 failed, 0 invalid; 2:05 min audio; "
                        + "$0.0500; elapsed 0:40, about 1:20 left\n");
    }

    @Test
    void nothingPrintedHoldsAControlCharacter() {
        lines.episode(
                new EpisodeEvent(Outcome.FAILED, "ep", "T", 0, Duration.ZERO, null, "bad\r\u001b[31mred", "x:1"),
                progress(0, 0, 1, 0));
        lines.stopping("finish-by 06:30 reached");
        lines.tick(progress(0, 0, 1, 0));

        assertThat(text().replace("\n", "")).doesNotContainPattern("\\p{Cntrl}");
    }

    private static RunProgress progress(long narrated, long skipped, long failed, long invalid) {
        return new RunProgress(12, narrated, skipped, failed, invalid, 0, BigDecimal.ZERO, Duration.ofSeconds(5));
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
