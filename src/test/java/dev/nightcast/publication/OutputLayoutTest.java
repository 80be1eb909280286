package dev.nightcast.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.nightcast.script.EntryLimits;

/** Every name the output folder gets from an episode id works for every id validation accepts. */
class OutputLayoutTest {

    private static final String FINGERPRINT = "0123456789abcdef".repeat(4);

    @TempDir
    Path dir;

    @Test
    void everyFileAndFolderNameOfTheLongestValidIdCanBeCreatedInTheOutputFolder() throws IOException {
        // given
        String id = "x".repeat(EntryLimits.ID_LENGTH);
        OutputLayout layout = new OutputLayout(dir);

        // when
        List<Path> names = List.of(
                layout.wav(id),
                layout.transcript(id),
                layout.subtitles(id),
                layout.temporaryWav(id, FINGERPRINT),
                layout.temporaryTranscript(id, FINGERPRINT),
                layout.temporarySubtitles(id, FINGERPRINT),
                layout.stage(id, FINGERPRINT),
                layout.stageInProgress(id, FINGERPRINT));
        Path segments = layout.segmentFolder(id, FINGERPRINT);

        // then
        for (Path name : names) {
            assertThat(name.getParent()).isEqualTo(dir.toAbsolutePath().normalize());
            assertThat(name.getFileName().toString().getBytes(StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(255);
            Files.createFile(name);
        }
        Files.createDirectory(segments);
        assertThat(segments.getParent()).isEqualTo(dir.toAbsolutePath().normalize());
    }
}
