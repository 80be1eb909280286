package dev.nightcast.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.nightcast.budget.Cost;
import dev.nightcast.realtime.TokenUsage;

class RunSummaryJsonTest {

    @TempDir
    Path dir;

    @Test
    void aSummaryFileNightcastDidNotMakeIsNeverReplacedAndItsOwnIs() throws Exception {
        // given someone's runs/7.json in the output folder
        Path runs = Files.createDirectories(dir.resolve("runs"));
        Path foreign = Files.writeString(runs.resolve("7.json"), "{\"mine\":1}");

        // when the summary of execution 7 is written there, then it is refused naming the file
        assertThatThrownBy(() -> RunSummaryJson.write(dir, summary(7, 1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(foreign.toString())
                .hasMessageContaining("not made by Nightcast");
        assertThat(Files.readString(foreign)).isEqualTo("{\"mine\":1}");

        // and once it is gone, Nightcast's own summary is replaced by the next one
        Files.delete(foreign);
        RunSummaryJson.write(dir, summary(7, 1));
        RunSummaryJson.write(dir, summary(7, 2));
        assertThat(new ObjectMapper()
                        .readTree(foreign.toFile())
                        .path("episodes")
                        .path("narrated")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void theNewestSummaryOfAnOutputFolderIsReadBackForTheReviewPagesBanner() throws Exception {
        // given summaries of executions 9 and 10 (10 stopped at its budget), and a stray file
        assertThat(RunSummaryJson.latest(dir)).isEmpty();
        RunSummaryJson.write(dir, summary(9, 1));
        RunSummaryJson.write(
                dir,
                new RunSummary(
                        10,
                        "STOPPED",
                        "LIMIT_REACHED",
                        1,
                        0,
                        0,
                        0,
                        1_000,
                        TokenUsage.ZERO,
                        Cost.none("mid-2026"),
                        Instant.EPOCH,
                        Instant.parse("2026-03-01T05:00:00Z"),
                        "max-cost $1.00 reached: spent $0.99; left 1 episode that would pass it: e3 (about $0.20)",
                        List.of(),
                        List.of()));
        Files.writeString(dir.resolve("runs").resolve("notes.json"), "{}");

        // when the newest is read, then it is execution 10, with its status, reason and end
        assertThat(RunSummaryJson.latest(dir))
                .contains(new RunSummaryJson.Latest(
                        10,
                        "STOPPED",
                        "max-cost $1.00 reached: spent $0.99; left 1 episode that would pass it: e3 (about $0.20)",
                        Instant.parse("2026-03-01T05:00:00Z")));
    }

    private static RunSummary summary(long execution, long narrated) {
        return new RunSummary(
                execution,
                "COMPLETED",
                "COMPLETED",
                narrated,
                0,
                0,
                0,
                1_000,
                TokenUsage.ZERO,
                Cost.none("mid-2026"),
                Instant.EPOCH,
                Instant.EPOCH,
                null,
                List.of(),
                List.of());
    }
}
