package dev.nightcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import dev.nightcast.job.OperatorJobTestBase;
import dev.nightcast.job.RunParams;
import dev.nightcast.run.ExitCodes;
import dev.nightcast.support.NightcastProcess;

/** {@code --help}, {@code -h} and {@code help}: the usage and exit code 0, with nothing started. */
class UsageTest extends OperatorJobTestBase {

    @TempDir
    Path work;

    @Autowired
    List<NightcastCommand> commands;

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void helpPrintsTheUsageAndExitsZeroWithoutStartingSpringOrOpeningTheDatabase(String help) throws Exception {
        try (NightcastProcess process = NightcastProcess.start(
                work,
                "help",
                Map.of(),
                List.of(
                        help,
                        "--params=nightly.properties",
                        "--spring.datasource.url=jdbc:h2:file:" + work.resolve("db")))) {
            int exit = process.waitFor(Duration.ofSeconds(60));

            assertThat(exit).as(process.log()).isEqualTo(ExitCodes.ALL_DONE);
            assertThat(process.log()).as("the usage and not a line more").isEqualTo(Usage.text());
        }
        assertThat(Files.exists(work.resolve("db.mv.db")))
                .as("the database was never opened")
                .isFalse();
    }

    @Test
    void theHelpListsEveryCommandAsTheCommandLinePrintsItUnderAUsageError() {
        assertThat(Usage.text()).startsWith(new CommandLine(commands).usage() + "\n");
    }

    @Test
    void theHelpNamesEveryParamsKeyTheEnvironmentVariablesAndEveryExitCode() {
        String usage = Usage.text();

        assertThat(RunParams.KEYS).allSatisfy(key -> assertThat(usage).contains(key));
        assertThat(usage)
                .contains(
                        "AZURE_OPENAI_ENDPOINT",
                        "AZURE_OPENAI_API_KEY",
                        "AZURE_OPENAI_DEPLOYMENT_NAME",
                        "OPENAI_API_KEY",
                        "SPRING_DATASOURCE_URL",
                        "NIGHTCAST_FEED_BASE_URL",
                        "MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ENABLED",
                        "README.md");
        for (int code : new int[] {
            ExitCodes.ALL_DONE,
            ExitCodes.JOB_FAILED,
            ExitCodes.SOME_EPISODES_FAILED,
            ExitCodes.STOPPED_AT_LIMIT,
            ExitCodes.USAGE
        }) {
            assertThat(usage).containsPattern("[:;] " + code + " ");
        }
        assertThat(usage.lines())
                .as("fits a terminal")
                .allSatisfy(line -> assertThat(line).hasSizeLessThan(120));
    }

    @Test
    void helpIsAskedForByEitherOptionAnywhereOrByHelpAsTheCommand() {
        assertThat(Usage.requested(new String[] {"narrate", "--params=nightly.properties", "-h"}))
                .isTrue();
        assertThat(Usage.requested(new String[] {"--params=nightly.properties", "help"}))
                .isTrue();
        assertThat(Usage.requested(new String[] {"status", "help"}))
                .as("help as an argument, not the command")
                .isFalse();
        assertThat(Usage.requested(new String[] {"--params=--help"})).isFalse();
        assertThat(Usage.requested(new String[] {"helpful"})).isFalse();
        assertThat(Usage.requested(new String[0])).isFalse();
    }
}
