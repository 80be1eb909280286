package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.nightcast.run.ExitCodes;
import dev.nightcast.simulator.Fault;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;
import dev.nightcast.support.NightcastProcess;

/**
 * Keys never leave the process's memory, whatever the log level: the application runs as a separate
 * process with {@code --logging.level.root=TRACE}, and its whole output, every file it leaves (the
 * H2 database file included) and every row of every table ({@code BATCH_*} included) are searched
 * for the key.
 */
class SecretsProcessTest extends ProcessTestBase {

    /** What is searched for: a part of the key that nothing else would print. */
    private static final String SECRET = "SECRET-trace-4242";

    private static final ScriptedSimulator SIMULATOR = ScriptedSimulator.start(SimulatorSettings.fast());

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.close();
    }

    @Override
    TestDatabase database() {
        return defaultH2(dir);
    }

    @Override
    ScriptedSimulator simulator() {
        return SIMULATOR;
    }

    @Test
    void aKeyWithACharacterHeadersForbidStopsTheRunAtStartNamingTheVariableAndNothingAnywhereShowsIt()
            throws Exception {
        // given: a key copied with a trailing no-break space
        Path params = paramsFile(writeEpisodes(2, 12));
        int handshakesBefore = SIMULATOR.handshakes().size();

        // when
        NightcastProcess run = startTracing("nbsp", "sk-test-" + SECRET + "\u00a0");
        int exit = run.waitFor(RUN_TIMEOUT);

        // then: a configuration error at start that names the variable and the character, not the value
        assertThat(exit).as(run.log()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.log()).contains("AZURE_OPENAI_API_KEY", "U+00A0");
        assertThat(SIMULATOR.handshakes()).as("nothing was sent").hasSize(handshakesBefore);
        assertKeyNowhere(run);
        assertThat(params).exists();
    }

    @Test
    void aRunWithFailuresAndSuccessesAtTraceLevelShowsTheKeyNowhere() throws Exception {
        // given: a valid key, and handshake and stream failures on the way
        paramsFile(writeEpisodes(3, 12));
        SIMULATOR.enqueueFault(Fault.serviceUnavailable());
        SIMULATOR.enqueueFault(Fault.connectionReset());
        SIMULATOR.enqueueFault(Fault.after(1, Fault.dropMidStream()));

        // when
        NightcastProcess run = startTracing("trace", "sk-test-" + SECRET);
        int exit = run.waitFor(RUN_TIMEOUT);

        // then: the key reached the server and nothing else
        assertThat(exit).as(run.log()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(SIMULATOR.lastHandshake().header("api-key")).isEqualTo("sk-test-" + SECRET);
        assertThat(run.log()).contains("TRACE", "HTTP 503");
        assertKeyNowhere(run);
    }

    private NightcastProcess startTracing(String name, String key) {
        List<String> args = new ArrayList<>(List.of(
                "narrate",
                "--params=" + dir.resolve("nightly.properties"),
                "--nightcast.gateway.azure.endpoint=" + SIMULATOR.baseUrl(),
                "--nightcast.narration.initial-backoff=5ms",
                "--nightcast.narration.max-backoff=20ms",
                "--logging.level.root=TRACE"));
        NightcastProcess process = NightcastProcess.start(dir, name, Map.of("AZURE_OPENAI_API_KEY", key), args);
        processes.add(process);
        return process;
    }

    /** Not in the output, in no file under the working directory, in no row of any table. */
    private void assertKeyNowhere(NightcastProcess run) throws IOException {
        assertThat(run.log()).doesNotContain(SECRET);
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(indexOf(Files.readAllBytes(file), secret))
                        .as("the key in %s", file)
                        .isNegative();
            }
        }
        if (Files.exists(dir.resolve("data/nightcast.mv.db"))) {
            List<String> script = db().sql("SCRIPT").query(String.class).list();
            assertThat(script)
                    .as("the database dump")
                    .anySatisfy(line -> assertThat(line).contains("BATCH_"));
            assertThat(String.join("\n", script)).doesNotContain(SECRET);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
