package dev.nightcast.podcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.nightcast.audio.WavWriter;
import dev.nightcast.publication.ChaptersFile;
import dev.nightcast.support.Mp3Frames;

class Mp3EncoderTest {

    @TempDir
    Path dir;

    private final Mp3Encoder encoder = new Mp3Encoder(Mp3Properties.defaults());

    @Test
    void aWavBecomesAMonoCbrMp3At48kHzNextToIt() throws Exception {
        Path wav = tone(dir.resolve("ep-1.wav"), 7.5);

        Path mp3 = encoder.renditionOf(wav, tags("Episode one"));

        assertThat(mp3).isEqualTo(dir.resolve("ep-1.mp3"));
        Mp3Frames frames = Mp3Frames.read(mp3);
        assertThat(frames.sampleRate()).isEqualTo(48_000);
        assertThat(frames.bitrateKbps()).isEqualTo(64);
        assertThat(frames.mono()).isTrue();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("ep-1.wav", "ep-1.mp3");
        }
    }

    @Test
    void anMp3IsMadeAgainOnlyWhenItsWavIsNewerOrItsTagsChange() throws Exception {
        Path wav = tone(dir.resolve("ep-2.wav"), 1.0);
        Path mp3 = encoder.renditionOf(wav, tags("Two"));
        Files.setLastModifiedTime(wav, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        Files.setLastModifiedTime(mp3, FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));

        assertThat(encoder.renditionOf(wav, tags("Two"))).isEqualTo(mp3);
        assertThat(Files.getLastModifiedTime(mp3).toInstant()).as("kept").isEqualTo("2026-01-02T00:00:00Z");
        assertThat(encoder.existingRendition(wav, tags("Two, renamed"))).isEmpty();

        encoder.renditionOf(wav, tags("Two, renamed"));
        assertThat(Files.getLastModifiedTime(mp3).toInstant())
                .as("made again")
                .isAfter(Instant.parse("2026-01-03T00:00:00Z"));
        assertThat(encoder.existingRendition(wav, tags("Two, renamed"))).contains(mp3);

        Files.setLastModifiedTime(
                wav, FileTime.from(Files.getLastModifiedTime(mp3).toInstant().plusSeconds(60)));
        assertThat(encoder.existingRendition(wav, tags("Two, renamed")))
                .as("older than its WAV")
                .isEmpty();
    }

    @Test
    void anotherBitrateOrSampleRateMakesTheMp3Again() throws Exception {
        Path wav = tone(dir.resolve("ep-3.wav"), 1.0);
        encoder.renditionOf(wav, tags("Three"));

        Mp3Encoder other = new Mp3Encoder(new Mp3Properties(96, 44_100, null));
        assertThat(other.existingRendition(wav, tags("Three"))).isEmpty();
        Path mp3 = other.renditionOf(wav, tags("Three"));

        assertThat(Mp3Frames.read(mp3).sampleRate()).isEqualTo(44_100);
        assertThat(Mp3Frames.read(mp3).bitrateKbps()).isEqualTo(96);
    }

    static Mp3Tags tags(String title) {
        return new Mp3Tags(
                title,
                "Night Show",
                "Night Author",
                Instant.parse("2026-11-30T02:15:00Z"),
                List.of(new ChaptersFile.Entry(0, title)),
                null);
    }

    /** A WAV as the narration writes it: 24 kHz mono PCM16, here a 440 Hz tone. */
    static Path tone(Path file, double seconds) throws Exception {
        int samples = (int) Math.round(seconds * 24_000);
        ByteBuffer pcm = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            pcm.putShort((short) (6000 * Math.sin(2 * Math.PI * 440 * i / 24_000.0)));
        }
        pcm.flip();
        try (WavWriter writer = WavWriter.create(file)) {
            writer.write(pcm);
        }
        return file;
    }
}
