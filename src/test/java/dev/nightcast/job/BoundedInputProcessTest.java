package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import dev.nightcast.run.ExitCodes;
import dev.nightcast.support.NightcastProcess;

/**
 * {@code check} of a 20 MB markdown file and a CSV of 100,000 rows finishes in a JVM limited to
 * 256 MB of heap: the markdown file is an invalid entry measured before it is read, and the CSV is
 * streamed row by row with every cell bounded. Run as a separate JVM so the heap limit is real.
 */
class BoundedInputProcessTest {

    private static final int ROWS = 100_000;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void checkOfATwentyMegabyteMarkdownAndAHundredThousandCsvRowsFitsInTwoHundredFiftySixMegabytes() throws Exception {
        // given
        Path input = Files.createDirectories(dir.resolve("input"));
        writeMarkdown(input.resolve("huge.md"), 20L * 1024 * 1024);
        writeRows(input.resolve("rows.csv"));
        Path params = Files.writeString(
                dir.resolve("check.properties"),
                "input=input\noutput=output\ngateway=simulator\n",
                StandardCharsets.UTF_8);

        // when
        try (NightcastProcess check = NightcastProcess.start(
                dir,
                "check",
                Map.of(),
                List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData"),
                List.of("check", "--params=" + params))) {
            int exit = check.waitFor(Duration.ofMinutes(5));

            // then
            assertThat(exit).as(check.log()).isEqualTo(ExitCodes.SOME_EPISODES_FAILED);
            assertThat(check.log())
                    .doesNotContain("OutOfMemoryError")
                    .containsPattern("narrate\\s+" + ROWS + "\\s")
                    .containsPattern("invalid\\s+1\\b")
                    .contains("huge.md")
                    .contains("nightcast.input.max-script-size");
        }
    }

    private static void writeMarkdown(Path file, long bytes) throws IOException {
        String paragraph = "The night bus hums along quiet streets while the city sleeps and the lamps glow.\n\n";
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("# A very long night\n\n");
            for (long written = 0; written < bytes; written += paragraph.length()) {
                out.write(paragraph);
            }
        }
    }

    private static void writeRows(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("episode_id,title,script\n");
            for (int i = 0; i < ROWS; i++) {
                out.write("row-" + i + ",Episode " + i + ",\"Row " + i
                        + " tells of the night bus, the quiet streets and the sleeping city, "
                        + "and of the lamps that glow until morning comes.\"\n");
            }
        }
    }
}
