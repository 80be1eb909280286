package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.nightcast.cli.CheckCommand;
import dev.nightcast.cli.NarrateCommand;
import dev.nightcast.run.ExitCodes;
import dev.nightcast.run.RunResult;
import dev.nightcast.script.ScriptLoader;

/**
 * One invocation reads its input once: the preflight reads it, and the launcher, the workers' queue
 * and the review page and feed at the end work on what it read. Observed through the loader's own
 * log line, one per read.
 */
@ExtendWith(OutputCaptureExtension.class)
class InputReadOnceJobTest extends OperatorJobTestBase {

    private static final String LOADER = ScriptLoader.class.getName();

    @Autowired
    NarrateCommand narrate;

    @Autowired
    CheckCommand check;

    @Autowired
    RunScopes runScopes;

    @BeforeEach
    void showReads() {
        LoggingSystem.get(getClass().getClassLoader()).setLogLevel(LOADER, LogLevel.DEBUG);
    }

    @AfterEach
    void quiet() {
        LoggingSystem.get(getClass().getClassLoader()).setLogLevel(LOADER, null);
    }

    @Test
    void narrateReadsTheInputOnceAndEveryPartOfTheRunWorksOnWhatItRead(CapturedOutput out) throws Exception {
        Path csv = write("once.csv", "episode_id,script\nonce-1,One.\nonce-2,Two.\nonce-3,Three.\n");
        Path paramsFile = write(
                "once.properties", "input=" + csv + "\noutput=" + output() + "\ngateway=azure\n" + "concurrency=2\n");

        int code = narrate.run(new DefaultApplicationArguments("narrate", "--params=" + paramsFile));

        assertThat(code).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(reads(out)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM episode WHERE status = 'DONE' AND episode_id LIKE 'once-%'")
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
        assertThat(Files.readString(output().resolve("index.html"))).contains("once-1", "once-2", "once-3");
    }

    @Test
    void checkReadsTheInputOnce(CapturedOutput out) throws Exception {
        Path csv = write("check-once.csv", "episode_id,script\ncheck-once-1,One.\n");
        Path paramsFile =
                write("check-once.properties", "input=" + csv + "\noutput=" + output() + "\n" + "gateway=azure\n");

        int code = check.run(new DefaultApplicationArguments("check", "--params=" + paramsFile));

        assertThat(code).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(reads(out)).isEqualTo(1);
    }

    @Test
    void theScopeOfAnExecutionIsReleasedWhenItEnds() throws Exception {
        RunResult result = run(params(write("released.csv", "episode_id,script\nreleased-1,One.\n")));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThatThrownBy(() -> runScopes.of(result.execution().getId()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not running in this process");
    }

    private static long reads(CapturedOutput out) {
        return out.getAll()
                .lines()
                .filter(line -> line.contains("ScriptLoader - Read "))
                .count();
    }
}
