package dev.nightcast.podcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.nightcast.audio.WavWriter;
import dev.nightcast.support.Mp3Frames;

class Mp3EncoderTest {

    @TempDir
    Path dir;

    private final Mp3Encoder encoder = new Mp3Encoder();

    @Test
    void aWavBecomesAnMp3OfTheSameLengthNextToIt() throws Exception {
        Path wav = tone(dir.resolve("ep-1.wav"), 7.5);

        Path mp3 = encoder.renditionOf(wav);

        assertThat(mp3).isEqualTo(dir.resolve("ep-1.mp3"));
        Mp3Frames frames = Mp3Frames.read(mp3);
        assertThat(frames.sampleRate()).isEqualTo(24_000);
        assertThat(frames.bitrateKbps()).isEqualTo(Mp3Encoder.BITRATE_KBPS);
        assertThat(frames.mono()).isTrue();
        // The encoder adds up to two frames of delay and padding at the ends.
        assertThat(frames.seconds()).isBetween(7.5, 7.5 + 0.2);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("ep-1.wav", "ep-1.mp3");
        }
    }

    @Test
    void anMp3NewerThanItsWavIsKeptAndAStaleOneIsMadeAgain() throws Exception {
        Path wav = tone(dir.resolve("ep-2.wav"), 1.0);
        Path mp3 = encoder.renditionOf(wav);
        Files.writeString(mp3, "not made again");
        Files.setLastModifiedTime(wav, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        Files.setLastModifiedTime(mp3, FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));

        encoder.renditionOf(wav);
        assertThat(Files.readString(mp3)).isEqualTo("not made again");

        Files.setLastModifiedTime(wav, FileTime.from(Instant.parse("2026-01-03T00:00:00Z")));
        encoder.renditionOf(wav);
        assertThat(Mp3Frames.read(mp3).seconds()).isBetween(1.0, 1.2);
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
