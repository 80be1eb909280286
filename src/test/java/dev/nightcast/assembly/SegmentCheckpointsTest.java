package dev.nightcast.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.nightcast.audio.AudioProperties;
import dev.nightcast.audio.Fade;
import dev.nightcast.realtime.TokenUsage;
import dev.nightcast.script.Passage;
import dev.nightcast.script.SourceLocation;

/**
 * A kept segment's audio is exactly what arrived when its file bypasses the page cache (direct I/O,
 * where the file system allows it: the test's temporary folder and, on kernels whose tmpfs takes
 * it, {@code /dev/shm}): sizes that are not whole blocks, a restart, and the read back for assembly.
 */
class SegmentCheckpointsTest {

    @TempDir
    static Path temp;

    static Stream<Arguments> folders() throws Exception {
        Stream.Builder<Arguments> folders = Stream.builder();
        folders.add(Arguments.of(Files.createTempDirectory(temp, "disk")));
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            Path tmpfs = Files.createTempDirectory(shm, "nightcast-test");
            tmpfs.toFile().deleteOnExit();
            folders.add(Arguments.of(tmpfs));
        }
        return folders.build();
    }

    @ParameterizedTest
    @MethodSource("folders")
    void keptAudioIsExactlyWhatArrivedAndReadsBackWhole(Path folder) throws Exception {
        SegmentCheckpoints checkpoints = new SegmentCheckpoints(folder.resolve("ep"));
        PlannedSegment segment = new PlannedSegment(
                0,
                "0000",
                new Passage(null, "alloy", "Some text.", true, new SourceLocation(Path.of("ep.md"), 1)),
                "Some text.",
                true,
                Duration.ZERO);
        byte[] audio = new byte[3 * SegmentCheckpoints.Recording.WRITE_BYTES + 7_202]; // whole samples, not blocks
        new Random(7).nextBytes(audio);

        SegmentCheckpoints.Recording recording = checkpoints.record(segment);
        recording.accept(ByteBuffer.wrap(new byte[100_000]));
        recording.restart();
        for (int at = 0; at < audio.length; at += 9_600) {
            recording.accept(ByteBuffer.wrap(audio, at, Math.min(9_600, audio.length - at)));
        }
        assertThat(recording.bytes()).isEqualTo(audio.length);
        checkpoints.keep(
                segment,
                recording,
                new SegmentCheckpoints.Take(
                        recording.bytes(), "Some text.", 0, 2, TokenUsage.ZERO, java.util.List.of()));

        assertThat(checkpoints.find(segment))
                .get()
                .extracting(SegmentCheckpoints.Take::audioBytes)
                .isEqualTo((long) audio.length);
        assertThat(Files.readAllBytes(checkpoints.audio(segment))).isEqualTo(audio);
        Path wav = folder.resolve("joined.wav");
        new EpisodeAssembler(AudioProperties.defaults().mastering())
                .join(
                        wav,
                        List.of(new EpisodeAssembler.Finished(
                                segment, checkpoints.find(segment).orElseThrow())),
                        checkpoints,
                        "Title");
        byte[] joined = Files.readAllBytes(wav);
        assertThat(joined.length).isEqualTo(44 + audio.length);
        // The joined audio is the kept audio times one gain (full-scale noise is turned down, never
        // limited), faded in and out: every sample in between read back is the kept one, scaled.
        ShortBuffer kept = ByteBuffer.wrap(audio).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        ShortBuffer read = ByteBuffer.wrap(joined, 44, audio.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .asShortBuffer();
        int fade = 24_000 * Fade.MILLIS / 1000;
        int loudest = fade;
        for (int i = fade; i < kept.limit() - fade; i++) {
            loudest = Math.abs(kept.get(i)) > Math.abs(kept.get(loudest)) ? i : loudest;
        }
        double gain = read.get(loudest) / (double) kept.get(loudest);
        assertThat(gain).isBetween(0.1, 0.9);
        for (int i = fade; i < kept.limit() - fade; i++) {
            assertThat((double) read.get(i)).as("sample %d", i).isCloseTo(kept.get(i) * gain, within(1.5));
        }
    }
}
