package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.nightcast.run.RunResult;

/**
 * When an episode counts as done: its row says DONE with the fingerprint of the current script and
 * settings, and its WAV is there with the recorded size and sha256. Anything else is narrated
 * again, and what it replaces leaves no stale file behind. (A changed model: {@link ModelChangeTest}.)
 */
@SpringBootTest
class IdempotenceTest extends NarrateJobTestBase {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:idempotence;DB_CLOSE_DELAY=-1");
        gatewayProperties(registry);
    }

    @Test
    void aDeletedTruncatedOrAlteredWavIsNarratedAgainAndAnUntouchedOneIsNot() throws Exception {
        Path csv = write("files.csv", """
                episode_id,script
                idem-deleted,Its WAV will be deleted.
                idem-truncated,Its WAV will lose its last sample.
                idem-altered,Its WAV will have one byte changed.
                idem-kept,Its WAV stays as it was.
                """);
        run(params(csv));
        Files.delete(output().resolve("idem-deleted.wav"));
        try (RandomAccessFile wav =
                new RandomAccessFile(output().resolve("idem-truncated.wav").toFile(), "rw")) {
            wav.setLength(wav.length() - 2);
        }
        try (RandomAccessFile wav =
                new RandomAccessFile(output().resolve("idem-altered.wav").toFile(), "rw")) {
            wav.seek(wav.length() / 2);
            int sample = wav.read();
            wav.seek(wav.length() / 2);
            wav.write(sample ^ 0x01);
        }

        RunResult rerun = run(params(csv));

        assertThat(rerun.summary().narrated()).isEqualTo(3);
        assertThat(rerun.summary().skipped()).isEqualTo(1);
        for (String id : List.of("idem-deleted", "idem-truncated", "idem-altered")) {
            assertThat(simulatorResponsesFor(id)).as("narrations of %s", id).isEqualTo(2);
            assertPublishedWav(id);
        }
        assertThat(simulatorResponsesFor("idem-kept")).isEqualTo(1);
        assertPublishedWav("idem-kept");
    }

    @Test
    void aChangedScriptVoiceOrInstructionsIsNarratedAgainAndNoStaleFileRemains() throws Exception {
        Path csv = write("changes.csv", """
                episode_id,voice,instructions,script
                idem-text,,,The first version of the text.
                idem-voice,alloy,,Read by alloy first.
                idem-tone,,Calm.,Read calmly first.
                idem-same,,,Nothing changes here.
                """);
        run(params(csv));
        List<Object> fingerprints = Stream.of("idem-text", "idem-voice", "idem-tone", "idem-same")
                .map(id -> value(episodeRow(id), "fingerprint"))
                .toList();

        write("changes.csv", """
                episode_id,voice,instructions,script
                idem-text,,,"The second version of the text, longer than the first one."
                idem-voice,marin,,Read by alloy first.
                idem-tone,,Cheerful.,Read calmly first.
                idem-same,,,Nothing changes here.
                """);
        RunResult rerun = run(params(csv));

        assertThat(rerun.summary().narrated()).isEqualTo(3);
        List<Object> changed = Stream.of("idem-text", "idem-voice", "idem-tone", "idem-same")
                .map(id -> value(episodeRow(id), "fingerprint"))
                .toList();
        for (int i = 0; i < 3; i++) {
            assertThat(changed.get(i)).isNotEqualTo(fingerprints.get(i));
        }
        assertThat(changed.get(3)).isEqualTo(fingerprints.get(3));
        assertThat(simulatorResponsesFor("idem-same")).isEqualTo(1);
        for (String id : List.of("idem-text", "idem-voice", "idem-tone")) {
            assertThat(simulatorResponsesFor(id)).as("narrations of %s", id).isEqualTo(2);
            assertPublishedWav(id);
        }
        assertThat(value(episodeRow("idem-voice"), "voice")).isEqualTo("marin");
        assertThat(Files.readString(output().resolve("idem-text.txt")))
                .isEqualTo("The second version of the text, longer than the first one.\n");
        try (Stream<Path> files = Files.list(output())) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(ProcessTestBase.publishedOutputs(
                            List.of("idem-text", "idem-voice", "idem-tone", "idem-same")));
        }
    }

    @Test
    void aLostOrEditedTranscriptIsWrittenAgainFromTheDatabaseWithoutNarrating() throws Exception {
        Path csv = write("transcripts.csv", """
                episode_id,script
                idem-lost,This transcript will be deleted.
                idem-edited,This transcript will be edited.
                """);
        run(params(csv));
        Files.delete(output().resolve("idem-lost.txt"));
        Files.writeString(output().resolve("idem-edited.txt"), "Something else.\n");

        RunResult rerun = run(params(csv));

        assertThat(rerun.summary().skipped()).isEqualTo(2);
        assertThat(simulatorResponsesFor("idem-lost")).isEqualTo(1);
        assertThat(simulatorResponsesFor("idem-edited")).isEqualTo(1);
        assertThat(Files.readString(output().resolve("idem-lost.txt"))).isEqualTo("This transcript will be deleted.\n");
        assertThat(Files.readString(output().resolve("idem-edited.txt")))
                .isEqualTo("This transcript will be edited.\n");
        try (Stream<Path> files = Files.list(output())) {
            assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.startsWith("."));
        }
    }
}
