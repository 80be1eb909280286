package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

import dev.nightcast.input.InputProperties;
import dev.nightcast.run.NarrateLauncher;
import dev.nightcast.run.RunResult;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;

/**
 * Runs the real job against a {@link ScriptedSimulator} owned by the test, reached through the
 * production Azure client (endpoint + api-key header over a real loopback socket).
 */
public abstract class NarrateJobTestBase {

    static final String FAKE_KEY = "sk-test-SECRET-nightcast-4711";
    /** Shared by the job test classes of this JVM; it dies with it. */
    public static final ScriptedSimulator SIMULATOR = ScriptedSimulator.start(SimulatorSettings.fast());

    @TempDir
    Path dir;

    @Autowired
    NarrateLauncher launcher;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    InputProperties inputLimits;

    protected static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("nightcast.command-line.enabled", () -> "false");
        registry.add("nightcast.gateway.azure.endpoint", SIMULATOR::baseUrl);
        registry.add("nightcast.gateway.azure.api-key", () -> FAKE_KEY);
        registry.add("nightcast.narration.initial-backoff", () -> "5ms");
        registry.add("nightcast.narration.max-backoff", () -> "20ms");
        registry.add("nightcast.gateway.timeouts.idle", () -> "2s");
    }

    @BeforeEach
    protected void cleanTables() {
        jdbc.sql("DELETE FROM episode_attempt").update();
        jdbc.sql("DELETE FROM input_problem").update();
        jdbc.sql("DELETE FROM episode").update();
        jdbc.sql("DELETE FROM feed_item").update();
    }

    protected Path output() {
        return dir.resolve("output");
    }

    protected Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    protected RunParams params(Path input, String... overrides) {
        Map<String, String> values = new HashMap<>();
        values.put("input", input.toString());
        values.put("output", output().toString());
        values.put("gateway", "azure");
        values.put("concurrency", "3");
        for (int i = 0; i < overrides.length; i += 2) {
            values.put(overrides[i], overrides[i + 1]);
        }
        return RunParams.from(values);
    }

    /** Runs the job as {@code narrate} does after its preflight: with the input read once, here. */
    protected RunResult run(RunParams params) throws Exception {
        return launcher.launch(params, params.scriptLoader(inputLimits).load(params.input()));
    }

    protected Map<String, Object> episodeRow(String id) {
        return jdbc.sql("SELECT * FROM episode WHERE episode_id = :id")
                .param("id", id)
                .query()
                .singleRow();
    }

    protected List<String> attemptOutcomes(String id) {
        return jdbc.sql("SELECT outcome FROM episode_attempt WHERE episode_id = :id ORDER BY attempt_id")
                .param("id", id)
                .query(String.class)
                .list();
    }

    protected long simulatorResponsesFor(String episodeId) {
        return SIMULATOR.narrations().stream()
                .filter(n -> episodeId.equals(n.episode()))
                .count();
    }

    /** Checks the WAV with Java Sound, with sox when it is installed, and against its row. */
    protected void assertPublishedWav(String id) throws Exception {
        Path wav = output().resolve(id + ".wav");
        assertThat(wav).exists();
        long dataBytes = Files.size(wav) - 44;
        AudioFileFormat format = AudioSystem.getAudioFileFormat(wav.toFile());
        assertThat(format.getFormat().getSampleRate()).isEqualTo(24_000f);
        assertThat(format.getFormat().getChannels()).isEqualTo(1);
        assertThat(format.getFormat().getSampleSizeInBits()).isEqualTo(16);
        assertThat(format.getFrameLength() * 2L).isEqualTo(dataBytes);

        Map<String, Object> row = episodeRow(id);
        assertThat(value(row, "status")).isEqualTo("DONE");
        assertThat(value(row, "wav_sha256")).isEqualTo(sha256(wav));
        assertThat(((Number) value(row, "wav_bytes")).longValue()).isEqualTo(Files.size(wav));
        assertThat(((Number) value(row, "duration_ms")).longValue()).isEqualTo(dataBytes * 1000 / 48_000);
        assertThat(((Number) value(row, "sample_rate")).intValue()).isEqualTo(24_000);
        assertThat(((Number) value(row, "output_tokens")).longValue()).isPositive();

        soxi(wav).ifPresent(info -> {
            assertThat(info)
                    .contains("Channels       : 1")
                    .contains("Sample Rate    : 24000")
                    .contains("Precision      : 16-bit")
                    .contains((dataBytes / 2) + " samples");
        });
    }

    protected static Object value(Map<String, Object> row, String column) {
        return row.containsKey(column) ? row.get(column) : row.get(column.toUpperCase());
    }

    protected static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static java.util.Optional<String> soxi(Path wav) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("soxi", wav.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException notInstalled) {
            return java.util.Optional.empty();
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("soxi output: %s", out).isZero();
        return java.util.Optional.of(out);
    }
}
