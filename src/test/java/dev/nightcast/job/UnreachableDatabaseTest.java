package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.nightcast.run.ExitCodes;
import dev.nightcast.support.NightcastProcess;

/**
 * A database that cannot be reached stops Nightcast with one line that names the URL (never a
 * password) and exit code 1, instead of a stack trace of a hundred lines. Real processes, real
 * refused connections.
 */
class UnreachableDatabaseTest {

    private static final String SECRET = "hunter2-SECRET";

    @TempDir
    Path dir;

    private final List<NightcastProcess> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (NightcastProcess process : processes) {
            process.close();
        }
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', textBlock = """
            status | jdbc:postgresql://127.0.0.1:1/nightcast?user=nightcast&password=hunter2-SECRET | jdbc:postgresql://127.0.0.1:1/nightcast?user=nightcast
            narrate | jdbc:postgresql://127.0.0.1:1/nightcast?password=hunter2-SECRET&ssl=false | jdbc:postgresql://127.0.0.1:1/nightcast?ssl=false
            failed | jdbc:postgresql://127.0.0.1:1/nightcast | jdbc:postgresql://127.0.0.1:1/nightcast
            check | jdbc:h2:tcp://127.0.0.1:1/nightcast;PASSWORD=hunter2-SECRET | jdbc:h2:tcp://127.0.0.1:1/nightcast
            """)
    void anUnreachableDatabaseIsOneLineNamingTheUrlWithoutItsPasswordAndExitCodeOne(
            String command, String url, String shownUrl) throws Exception {
        Path params = Files.writeString(dir.resolve("run.properties"), "input=input\ngateway=simulator\n");

        NightcastProcess run = NightcastProcess.start(
                dir,
                command,
                Map.of(),
                List.of(
                        command,
                        "--params=" + params,
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.password=" + SECRET));
        processes.add(run);
        int code = run.waitFor(Duration.ofSeconds(60));

        String log = run.log();
        List<String> problems = log.lines()
                .filter(line -> line.contains(" ERROR ") || line.contains(" WARN "))
                .toList();
        assertThat(code).as("exit code; log:%n%s", log).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(problems)
                .as("log:%n%s", log)
                .singleElement()
                .asString()
                .contains("Cannot reach the database " + shownUrl + ": ")
                .doesNotContain(SECRET);
        assertThat(log).doesNotContain(SECRET).doesNotContain("\tat ").doesNotContain("Caused by");
    }
}
