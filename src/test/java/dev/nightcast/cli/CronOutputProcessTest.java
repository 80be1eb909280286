package dev.nightcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import dev.nightcast.run.ExitCodes;
import dev.nightcast.support.NightcastProcess;

/**
 * Runs as cron runs them, standard output and standard error captured apart ({@code > out 2> err}):
 * the report (progress lines and the summary) is all of standard output, so {@code 2>/dev/null}
 * leaves only it; every log line is on standard error and carries the date; the job parameters are
 * logged at DEBUG only; errors go to standard error.
 */
class CronOutputProcessTest {

    /** {@code 2026-12-05 21:03:07.123+01:00 INFO  [main] NarrateLauncher - …} */
    private static final Pattern LOG_LINE =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) "
                    + "(TRACE|DEBUG|INFO |WARN |ERROR) \\[.*");
    /** Progress lines, the end of run line and the summary table (see README "Progress" and "Outputs"). */
    private static final Pattern REPORT_LINE = Pattern.compile(
            "\\[ ?\\d+/\\d+] (narrated|skipped|FAILED|invalid) .*|-- .*|Execution \\d+ COMPLETED .*|  \\S.*");

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void aCronRunPrintsOnlyTheReportOnStandardOutputAndTheDatedLogOnStandardError() throws Exception {
        // given: two episodes and an invalid row, the simulator as the gateway
        Path params = params("""
                episode_id,script
                ep-one,"The night bus leaves the depot at one and comes back at five."
                ep-two,"Bakers start their ovens long before the first tram of the day."
                bad id!,"An id with a space and a mark cannot become a file name."
                """);

        // when: the launcher's DEBUG is asked for, which is where the job parameters are logged
        NightcastProcess run = NightcastProcess.startApart(
                dir,
                "cron",
                Map.of(),
                args("narrate", params, "--logging.level.dev.nightcast.run.NarrateLauncher=DEBUG"));
        int exit = run.waitFor(TIMEOUT);

        // then
        assertThat(exit).as(run.log()).isEqualTo(ExitCodes.SOME_EPISODES_FAILED);
        List<String> out = run.stdout().lines().toList();
        assertThat(out)
                .as("standard output is the report alone:\n%s", run.stdout())
                .allSatisfy(line -> assertThat(line).matches(REPORT_LINE))
                .anySatisfy(line -> assertThat(line).matches("\\[\\d/3] narrated ep-one .*"))
                .anySatisfy(line -> assertThat(line).contains("invalid  bad id!"))
                .anySatisfy(line -> assertThat(line).startsWith("-- run ended, 3/3 done: 2 narrated, 0 skipped"))
                .anySatisfy(line -> assertThat(line).matches("Execution \\d+ COMPLETED .*"))
                .anySatisfy(line -> assertThat(line).startsWith("  narrated       2"));
        List<String> err = run.stderr().lines().toList();
        assertThat(err)
                .as("standard error is the log, every line dated:\n%s", run.stderr())
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).matches(LOG_LINE))
                .anySatisfy(line -> assertThat(line).contains("NarrateLauncher - Narrating 3 input entries"))
                .anySatisfy(line -> assertThat(line).contains(" DEBUG ").contains("Job parameters: "));
        assertThat(err)
                .as("no parameter dump but at DEBUG")
                .filteredOn(line -> line.contains("JobParameter") || line.contains("following parameters"))
                .allSatisfy(line -> assertThat(line).contains(" DEBUG "))
                .hasSize(1);
    }

    @Test
    void aConfigurationErrorGoesToStandardErrorAndNothingToStandardOutput() throws Exception {
        // given
        Path params = params("episode_id,script\nep-one,\"A short script.\"\n");

        // when
        NightcastProcess run =
                NightcastProcess.startApart(dir, "bad", Map.of(), args("narrate", params, "--concurrency=lots"));
        int exit = run.waitFor(TIMEOUT);

        // then
        assertThat(exit).as(run.log()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stdout()).as("standard output").isEmpty();
        assertThat(run.stderr())
                .contains("ERROR", "concurrency", "lots", "Usage: java -jar nightcast.jar", CommandLine.MORE_HELP);
    }

    private Path params(String csv) throws Exception {
        Files.writeString(dir.resolve("episodes.csv"), csv, StandardCharsets.UTF_8);
        Path params = dir.resolve("nightly.properties");
        Files.writeString(
                params,
                "input=episodes.csv\noutput=output\ngateway=simulator\nconcurrency=1\n",
                StandardCharsets.UTF_8);
        return params;
    }

    private List<String> args(String command, Path params, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                command,
                "--params=" + params,
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0",
                "--nightcast.gateway.simulator.realtime-factor=0",
                "--nightcast.gateway.simulator.first-audio-latency=0ms"));
        args.addAll(List.of(extra));
        return args;
    }
}
