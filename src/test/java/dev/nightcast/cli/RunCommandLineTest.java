package dev.nightcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.nightcast.job.RunParams;

class RunCommandLineTest {

    @TempDir
    Path dir;

    @Test
    void theRerunCommandRepeatsTheRunsOverridesButNotItsBudgetOrDeadline() throws Exception {
        Path file = dir.resolve("nightly.properties");
        Files.writeString(file, "input=in\ngateway=simulator\n");
        RunParams run = ParamsFile.load(file, Map.of("voice", "marin", "max-cost", "5", "finish-by", "06:30"));

        String command = RunCommandLine.of(run.toJobParameters(1), null).render(true);

        assertThat(command)
                .isEqualTo("java -jar nightcast.jar narrate --params=" + file.toAbsolutePath()
                        + " --voice=marin --only-failed=true   (the run was also given --max-cost, --finish-by; add again as"
                        + " wanted)");
    }
}
