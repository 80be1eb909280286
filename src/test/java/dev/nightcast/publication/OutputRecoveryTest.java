package dev.nightcast.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.nightcast.assembly.Chapter;
import dev.nightcast.assembly.SubtitleCue;
import dev.nightcast.audio.Loudness;
import dev.nightcast.audio.WavWriter;
import dev.nightcast.realtime.TokenUsage;
import dev.nightcast.store.EpisodeRepository;
import dev.nightcast.store.StagedNarration;

/**
 * What the next run finds after a process died in the middle of publishing, and what it makes of
 * it: each crash window of the {@link EpisodePublisher} protocol, recreated file by file.
 */
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:output-recovery;DB_CLOSE_DELAY=-1",
            "nightcast.command-line.enabled=false"
        })
class OutputRecoveryTest {

    private static final long AUDIO_BYTES = 48_000;

    @TempDir
    Path dir;

    @Autowired
    OutputRecovery recovery;

    @Autowired
    EpisodeRepository episodes;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    OutputLayout layout;
    EpisodePublisher publisher;

    @BeforeEach
    void setUp() {
        jdbc.sql("DELETE FROM episode").update();
        layout = new OutputLayout(dir);
        publisher = new EpisodePublisher(episodes, layout, new TransactionTemplate(transactionManager));
    }

    @Test
    void aStagedNarrationStillUnderItsTemporaryNameIsPublishedAndCreditedToItsRun() throws Exception {
        StagedNarration stage = stage("rec-temp", 7);
        Path wav = completeWav(layout.temporaryWav("rec-temp", stage.fingerprint()));
        String sha = Sha256.of(wav);
        publisher.stage(stage);

        OutputRecovery.Result result = recovery.recover(dir);

        assertThat(result.published()).containsExactly("rec-temp");
        Map<String, Object> row = row("rec-temp");
        assertThat(row.get("STATUS")).isEqualTo("DONE");
        assertThat(row.get("WAV_SHA256")).isEqualTo(sha);
        assertThat(((Number) row.get("JOB_EXECUTION_ID")).longValue()).isEqualTo(7);
        assertThat(List.of(row.get("LOUDNESS_LUFS"), row.get("TRUE_PEAK_DBTP"), row.get("LOUDNESS_RANGE_LU")))
                .as("the loudness measured when the WAV was written")
                .containsExactly(-16.0, -1.5, 4.2);
        assertThat(Sha256.of(layout.wav("rec-temp"))).isEqualTo(sha);
        assertThat(Files.readString(layout.transcript("rec-temp"))).isEqualTo("Transcript of rec-temp.\n");
        assertThat(files())
                .containsExactlyInAnyOrder("rec-temp.wav", "rec-temp.txt", "rec-temp.vtt", "rec-temp.chapters.json");
    }

    @Test
    void aStagedNarrationRenamedButNeverCommittedIsPublished() throws Exception {
        StagedNarration stage = stage("rec-renamed", 8);
        publisher.stage(stage);
        completeWav(layout.wav("rec-renamed"));
        Files.writeString(layout.transcript("rec-renamed"), "Transcript of rec-renamed.\n");

        OutputRecovery.Result result = recovery.recover(dir);

        assertThat(result.published()).containsExactly("rec-renamed");
        assertThat(row("rec-renamed").get("WAV_SHA256")).isEqualTo(Sha256.of(layout.wav("rec-renamed")));
        assertThat(files())
                .containsExactlyInAnyOrder(
                        "rec-renamed.wav", "rec-renamed.txt", "rec-renamed.vtt", "rec-renamed.chapters.json");
    }

    @Test
    void aStageWhoseRowHasCommittedIsSimplyRemoved() throws Exception {
        StagedNarration stage = stage("rec-committed", 9);
        completeWav(layout.temporaryWav("rec-committed", stage.fingerprint()));
        publisher.stage(stage);
        publisher.publish(stage, layout.temporaryWav("rec-committed", stage.fingerprint()));
        publisher.stage(stage);

        OutputRecovery.Result result = recovery.recover(dir);

        assertThat(result.published()).containsExactly("rec-committed");
        assertThat(row("rec-committed").get("STATUS")).isEqualTo("DONE");
        assertThat(files())
                .containsExactlyInAnyOrder(
                        "rec-committed.wav", "rec-committed.txt", "rec-committed.vtt", "rec-committed.chapters.json");
    }

    @Test
    void aStageWithIncompleteAudioIsDiscardedWithItsFiles() throws Exception {
        StagedNarration stage = stage("rec-partial", 10);
        try (WavWriter wav = WavWriter.create(layout.temporaryWav("rec-partial", stage.fingerprint()))) {
            wav.write(ByteBuffer.allocate((int) AUDIO_BYTES / 2));
        }
        publisher.stage(stage);

        OutputRecovery.Result result = recovery.recover(dir);

        assertThat(result.published()).isEmpty();
        assertThat(result.deleted()).hasSize(2);
        assertThat(files()).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM episode").query(Long.class).single())
                .isZero();
    }

    @Test
    void aStageOlderThanWhatTheRowRecordsIsDiscarded() throws Exception {
        StagedNarration newer = stage("rec-old", 12);
        completeWav(layout.temporaryWav("rec-old", newer.fingerprint()));
        publisher.publish(newer, layout.temporaryWav("rec-old", newer.fingerprint()));
        StagedNarration older = new StagedNarration(
                "rec-old",
                "b".repeat(64),
                "model",
                "Title",
                "alloy",
                "old.csv:2",
                "Older.",
                AUDIO_BYTES,
                1,
                TokenUsage.ZERO,
                1,
                Instant.EPOCH,
                Instant.EPOCH,
                11,
                List.of(new SubtitleCue(0, AUDIO_BYTES, null, "Older.")),
                List.of(new Chapter(0, "Title")),
                0.0,
                0.0,
                null);
        completeWav(layout.temporaryWav("rec-old", older.fingerprint()));
        publisher.stage(older);

        OutputRecovery.Result result = recovery.recover(dir);

        assertThat(result.published()).isEmpty();
        assertThat(((Number) row("rec-old").get("JOB_EXECUTION_ID")).longValue())
                .isEqualTo(12);
        assertThat(files())
                .containsExactlyInAnyOrder("rec-old.wav", "rec-old.txt", "rec-old.vtt", "rec-old.chapters.json");
    }

    @Test
    void aStagedNarrationIsNeverPublishedOverAFileNightcastDidNotMake() throws Exception {
        // given a complete staged narration of "rec-notes", and the author's own rec-notes.txt in the folder
        StagedNarration stage = stage("rec-notes", 13);
        Path temporary = completeWav(layout.temporaryWav("rec-notes", stage.fingerprint()));
        publisher.stage(stage);
        Files.writeString(dir.resolve("rec-notes.txt"), "The author's own notes.");

        // when the next run recovers the folder
        OutputRecovery.Result result = recovery.recover(dir);

        // then the author's file is untouched, nothing is published, and the paid-for audio is kept
        assertThat(result.published()).isEmpty();
        assertThat(Files.readString(dir.resolve("rec-notes.txt"))).isEqualTo("The author's own notes.");
        assertThat(layout.wav("rec-notes")).doesNotExist();
        assertThat(temporary).exists();
        assertThat(layout.stage("rec-notes", stage.fingerprint())).exists();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM episode").query(Long.class).single())
                .isZero();
    }

    @Test
    void workFilesWithoutAStageAreDeletedAndEverythingElseIsLeftAlone() throws Exception {
        for (String name : List.of(
                ".cut.0123456789ab.wav.part",
                ".cut.0123456789ab.txt.part",
                ".cut.0123456789ab.chapters.json.part",
                ".cut.0123456789ab.stage.tmp.part",
                ".junk.0123456789ab.stage.part",
                ".cut.mp3.part",
                ".index.html.part",
                "kept.wav",
                "kept.txt",
                "notes.md",
                ".draft.part",
                ".notes.txt.part")) {
            Files.writeString(dir.resolve(name), "x", StandardCharsets.UTF_8);
        }

        OutputRecovery.Result result = recovery.recover(dir);

        assertThat(result.published()).isEmpty();
        assertThat(result.deleted()).hasSize(7);
        // Hidden ".part" files that are not named as Nightcast names its work are someone else's.
        assertThat(files())
                .containsExactlyInAnyOrder("kept.wav", "kept.txt", "notes.md", ".draft.part", ".notes.txt.part");
    }

    private StagedNarration stage(String id, long execution) {
        return new StagedNarration(
                id,
                "a".repeat(64),
                "gpt-realtime-mini",
                "Title of " + id,
                "alloy",
                "episodes.csv:2",
                "Transcript of " + id + ".",
                AUDIO_BYTES,
                1,
                new TokenUsage(10, 20, 10, 0, 5, 15),
                1,
                Instant.parse("2026-01-01T02:00:00Z"),
                Instant.parse("2026-01-01T02:01:00Z"),
                execution,
                List.of(new SubtitleCue(0, AUDIO_BYTES, null, "Transcript of " + id + ".")),
                List.of(new Chapter(0, "Title of " + id)),
                0.0,
                0.0,
                new Loudness(-16.0, -1.5, 4.2));
    }

    private static Path completeWav(Path file) throws Exception {
        try (WavWriter wav = WavWriter.create(file)) {
            wav.write(ByteBuffer.allocate((int) AUDIO_BYTES));
        }
        return file;
    }

    private Map<String, Object> row(String id) {
        return jdbc.sql("SELECT * FROM episode WHERE episode_id = :id")
                .param("id", id)
                .query()
                .singleRow();
    }

    private List<String> files() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }
}
