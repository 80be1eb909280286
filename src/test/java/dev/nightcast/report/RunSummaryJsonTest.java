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
                .isInstanceOf(IOException.class).hasMessageContaining(foreign.toString())
                .hasMessageContaining("not made by Nightcast");
        assertThat(Files.readString(foreign)).isEqualTo("{\"mine\":1}");

        // and once it is gone, Nightcast's own summary is replaced by the next one
        Files.delete(foreign);
        RunSummaryJson.write(dir, summary(7, 1));
        RunSummaryJson.write(dir, summary(7, 2));
        assertThat(new ObjectMapper().readTree(foreign.toFile()).path("episodes").path("narrated").asLong())
                .isEqualTo(2);
    }

    private static RunSummary summary(long execution, long narrated) {
        return new RunSummary(execution, "COMPLETED", "COMPLETED", narrated, 0, 0, 0, 1_000, TokenUsage.ZERO,
                Cost.none("mid-2026"), Instant.EPOCH, Instant.EPOCH, null, List.of(), List.of());
    }
}
