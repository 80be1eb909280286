package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.nightcast.simulator.Narration;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.support.NightcastProcess;
import dev.nightcast.support.TestScripts;

/**
 * Runs the real application as separate processes against a {@link ScriptedSimulator} in the test
 * JVM, reached through the production Azure client with a fake key, and inspects what they leave
 * behind: the output folder, the database, and the simulator's record of every narration requested.
 */
abstract class ProcessTestBase {

    static final String FAKE_KEY = "sk-test-SECRET-process-0815";
    static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
    /** The simulator speaks 150 words a minute. */
    static final double SECONDS_PER_WORD = 60.0 / 150;

    /** Kept when a test fails, with the processes' logs in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    final List<NightcastProcess> processes = new ArrayList<>();
    final Map<String, String> episodes = new LinkedHashMap<>();

    /** The database the processes share: a JDBC URL, user and password. */
    record TestDatabase(String url, String user, String password) {}

    abstract TestDatabase database();

    /**
     * The database a process uses without {@code --spring.datasource.url}: {@code application.yml}'s
     * H2 file, relative to the working directory {@code dir}. The test opens it by the same URL.
     */
    static TestDatabase defaultH2(Path dir) {
        return new TestDatabase(
                "jdbc:h2:file:" + dir.resolve("data/nightcast") + ";AUTO_SERVER=FALSE;WRITE_DELAY=0", "sa", "");
    }

    abstract ScriptedSimulator simulator();

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (NightcastProcess process : processes) {
            process.close();
        }
    }

    Path output() {
        return dir.resolve("output");
    }

    /** Writes {@code count} episodes of {@code words} words each, with texts of their own, as one CSV. */
    Path writeEpisodes(int count, int words) throws IOException {
        StringBuilder csv = new StringBuilder("episode_id,script\n");
        for (int i = 1; i <= count; i++) {
            String id = String.format("ep-%02d", i);
            String text = TestScripts.prose("tale" + i, 1, words);
            episodes.put(id, text);
            csv.append(id).append(",\"").append(text).append("\"\n");
        }
        Path file = dir.resolve("episodes.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        Files.createDirectories(output());
        return file;
    }

    Path paramsFile(Path input) throws IOException {
        Path file = dir.resolve("nightly.properties");
        Files.writeString(
                file,
                "input=" + input + "\noutput=" + output() + "\ngateway=azure\nconcurrency=2\n",
                StandardCharsets.UTF_8);
        return file;
    }

    /** Starts {@code java … NightcastApplication narrate --params=FILE …} against the simulator. */
    NightcastProcess start(String name, Path params, String... extraArgs) {
        return startCommand(name, "narrate", params, simulator(), extraArgs);
    }

    NightcastProcess startCommand(
            String name, String command, Path params, ScriptedSimulator simulator, String... extraArgs) {
        TestDatabase db = database();
        List<String> args = new ArrayList<>(List.of(command, "--params=" + params));
        if (!db.equals(defaultH2(dir))) {
            args.addAll(List.of(
                    "--spring.datasource.url=" + db.url(),
                    "--spring.datasource.username=" + db.user(),
                    "--spring.datasource.password=" + db.password()));
        }
        args.addAll(List.of(
                "--nightcast.gateway.azure.endpoint=" + simulator.baseUrl(),
                "--nightcast.narration.max-segment-words=80",
                "--nightcast.narration.initial-backoff=5ms",
                "--nightcast.narration.max-backoff=20ms"));
        args.addAll(List.of(extraArgs));
        NightcastProcess process = NightcastProcess.start(dir, name, Map.of("AZURE_OPENAI_API_KEY", FAKE_KEY), args);
        processes.add(process);
        return process;
    }

    /** A short-lived connection per use, so that an H2 file database is free again for the next process. */
    JdbcClient db() {
        TestDatabase db = database();
        return JdbcClient.create(new DriverManagerDataSource(db.url(), db.user(), db.password()));
    }

    static void waitUntil(BooleanSupplier condition, Duration timeout, Supplier<String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + ": " + failure.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    List<Path> outputFiles() {
        try (Stream<Path> files = Files.list(output())) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The names the output folder should hold once {@code ids} are published and nothing else: per
     * episode its WAV, transcript, subtitles, chapters and MP3, plus the run's review page, feed and summaries.
     */
    static List<String> publishedOutputs(java.util.Collection<String> ids) {
        List<String> names = new java.util.ArrayList<>(List.of("index.html", "feed.xml", "runs"));
        for (String id : ids) {
            names.addAll(List.of(id + ".wav", id + ".txt", id + ".vtt", id + ".chapters.json", id + ".mp3"));
        }
        return names;
    }

    List<String> outputNames() {
        return outputFiles().stream().map(file -> file.getFileName().toString()).toList();
    }

    List<Path> workFiles() {
        return outputFiles().stream()
                .filter(file -> file.getFileName().toString().startsWith("."))
                .toList();
    }

    Set<String> publishedWavs() {
        return outputFiles().stream()
                .map(file -> file.getFileName().toString())
                .filter(name -> !name.startsWith(".") && name.endsWith(".wav"))
                .map(name -> name.substring(0, name.length() - 4))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** True when a temporary WAV holds at least {@code seconds} of audio: narration is mid-stream. */
    boolean streaming(double seconds) {
        return outputFiles().stream()
                .filter(file -> file.getFileName().toString().endsWith(".wav.part"))
                .anyMatch(file -> file.toFile().length() > 44 + (long) (seconds * 48_000));
    }

    Set<String> doneEpisodes() {
        return new TreeSet<>(db().sql("SELECT episode_id FROM episode WHERE status = 'DONE'")
                .query(String.class)
                .list());
    }

    List<Narration> narrations() {
        return simulator().narrations();
    }

    static double seconds(String text) {
        return text.strip().split("\\s+").length * SECONDS_PER_WORD;
    }

    /**
     * What a crash may leave and what it may not: every DONE row points at its WAV with the recorded
     * size and sha256, and every WAV under a final name is complete.
     */
    void assertNoPartialOrDanglingOutput() throws Exception {
        for (Map<String, Object> row :
                db().sql("SELECT * FROM episode WHERE status = 'DONE'").query().listOfRows()) {
            Path wav = Path.of((String) value(row, "wav_path"));
            assertThat(wav).as("WAV of DONE row %s", value(row, "episode_id")).isRegularFile();
            assertThat(Files.size(wav)).isEqualTo(((Number) value(row, "wav_bytes")).longValue());
            assertThat(sha256(wav)).isEqualTo(value(row, "wav_sha256"));
        }
        for (String id : publishedWavs()) {
            assertCompleteWav(output().resolve(id + ".wav"));
        }
    }

    /** Checks a published episode's files against its row: size, sha256, duration, transcript. */
    void assertPublished(String id) throws Exception {
        Map<String, Object> row = db().sql("SELECT * FROM episode WHERE episode_id = :id")
                .param("id", id)
                .query()
                .singleRow();
        Path wav = output().resolve(id + ".wav");
        assertThat(value(row, "status")).as("status of %s", id).isEqualTo("DONE");
        long dataBytes = assertCompleteWav(wav);
        assertThat(Files.size(wav)).isEqualTo(((Number) value(row, "wav_bytes")).longValue());
        assertThat(sha256(wav)).isEqualTo(value(row, "wav_sha256"));
        assertThat(((Number) value(row, "duration_ms")).longValue()).isEqualTo(dataBytes * 1000 / 48_000);
        String transcript = Files.readString(output().resolve(id + ".txt"));
        assertThat(words(transcript)).as("transcript of %s", id).isEqualTo(words(episodes.get(id)));
        assertThat(value(row, "transcript")).isEqualTo(transcript.substring(0, transcript.length() - 1));
    }

    static long assertCompleteWav(Path wav) throws Exception {
        AudioFileFormat format = AudioSystem.getAudioFileFormat(wav.toFile());
        long dataBytes = Files.size(wav) - 44;
        assertThat(format.getFrameLength() * 2L)
                .as("samples in the header of %s", wav)
                .isEqualTo(dataBytes);
        assertThat(format.getFormat().getSampleRate()).isEqualTo(24_000f);
        return dataBytes;
    }

    static List<String> words(String text) {
        return List.of(text.strip().split("\\s+"));
    }

    static Object value(Map<String, Object> row, String column) {
        return row.containsKey(column) ? row.get(column) : row.get(column.toUpperCase());
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
