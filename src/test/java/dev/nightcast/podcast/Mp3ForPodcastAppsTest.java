package dev.nightcast.podcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.nightcast.audio.WavWriter;
import dev.nightcast.publication.ChaptersFile;
import dev.nightcast.support.Ffmpeg;

/**
 * The MP3 renditions as podcast apps see them, judged by FFmpeg: what ffprobe reads (rate, bit rate,
 * duration, tags, chapters, cover art) and what ffmpeg plays (a gapless decoder that reads LAME's
 * Info frame gets back exactly the WAV's length, with every sound where it was).
 */
class Mp3ForPodcastAppsTest {

    private static final int WAV_RATE = 24_000;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} Hz, at most {1} ms longer")
    @CsvSource({"48000, 50", "44100, 53"})
    void ffprobeReadsTheRateTheBitRateAndADurationWithinTheEncodersDelayAndPaddingOfTheWav(int rate, int slackMillis)
            throws Exception {
        Mp3Encoder encoder = new Mp3Encoder(new Mp3Properties(64, rate, null));
        // Lengths 5 ms apart go through every padding LAME may add at the end (it fills the last frame).
        for (int step = 0; step < 12; step++) {
            int samples = WAV_RATE + step * 120;
            Path wav = wav(dir.resolve("len-" + step + ".wav"), new short[samples]);

            JsonNode probe = Ffmpeg.probe(encoder.renditionOf(wav, tags("Length " + step, List.of())));

            JsonNode audio = probe.path("streams").get(0);
            assertThat(audio.path("codec_name").asText()).isEqualTo("mp3");
            assertThat(audio.path("sample_rate").asInt()).isEqualTo(rate);
            assertThat(audio.path("channels").asInt()).isEqualTo(1);
            assertThat(audio.path("bit_rate").asInt()).isEqualTo(64_000);
            double wavSeconds = samples / (double) WAV_RATE;
            assertThat(probe.path("format").path("duration").asDouble() - wavSeconds)
                    .as("%d samples", samples)
                    .isBetween(0.0, slackMillis / 1000.0);
        }
    }

    @ParameterizedTest
    @CsvSource({"48000", "44100"})
    void aGaplessDecoderGetsBackTheWavsLengthWithEverySoundWhereItWas(int rate) throws Exception {
        // a tone burst at exactly 1 s in 2.5 s of silence
        short[] pcm = new short[(int) (2.5 * WAV_RATE) + 7];
        for (int i = 0; i < WAV_RATE / 10; i++) {
            pcm[WAV_RATE + i] = (short) (12_000 * Math.sin(2 * Math.PI * 1_000 * i / WAV_RATE));
        }
        Path wav = wav(dir.resolve("burst.wav"), pcm);

        short[] decoded = Ffmpeg.decode(
                new Mp3Encoder(new Mp3Properties(64, rate, null)).renditionOf(wav, tags("Burst", List.of())));

        assertThat(decoded).hasSize((int) Math.ceil(pcm.length * (double) rate / WAV_RATE));
        int onset = 0;
        while (Math.abs(decoded[onset]) < 2_000) {
            onset++;
        }
        // The first sample above a sixth of the burst's peak: its first quarter period, 0.04 ms in.
        assertThat((onset - rate) * 1000.0 / rate).as("onset error in ms").isBetween(-1.0, 1.0);
    }

    @Test
    void ffprobeReadsTitleShowAuthorDateGenreCoverArtAndTheChaptersOfTheChaptersFile() throws Exception {
        Path cover = dir.resolve("cover.png");
        ImageIO.write(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB), "png", cover.toFile());
        Mp3Properties settings = new Mp3Properties(64, 48_000, cover);
        Path wav = wav(dir.resolve("tagged.wav"), new short[10 * WAV_RATE]);
        Mp3Tags tags = new Mp3Tags(
                "Épisode “une” \u0007 bell",
                "Night Show",
                "Ω Author",
                Instant.parse("2026-11-30T02:15:00Z"),
                List.of(
                        new ChaptersFile.Entry(0, "Intro"),
                        new ChaptersFile.Entry(2_345, "Part two ✓"),
                        new ChaptersFile.Entry(7_000, "End")),
                settings.cover());

        JsonNode probe = Ffmpeg.probe(new Mp3Encoder(settings).renditionOf(wav, tags));

        JsonNode format = probe.path("format").path("tags");
        assertThat(format.path("title").asText()).isEqualTo("Épisode “une” \uFFFD bell");
        assertThat(format.path("album").asText()).isEqualTo("Night Show");
        assertThat(format.path("artist").asText()).isEqualTo("Ω Author");
        assertThat(format.path("genre").asText()).isEqualTo("Podcast");
        assertThat(format.path("date").asText()).isEqualTo("2026-11-30 02:15");
        JsonNode chapters = probe.path("chapters");
        assertThat(chapters).hasSize(3);
        assertThat(chapters)
                .extracting(c -> c.path("tags").path("title").asText())
                .containsExactly("Intro", "Part two ✓", "End");
        assertThat(chapters).extracting(c -> c.path("start_time").asDouble()).containsExactly(0.0, 2.345, 7.0);
        assertThat(chapters).extracting(c -> c.path("end_time").asDouble()).containsExactly(2.345, 7.0, 10.0);
        assertThat(probe.path("streams")).anySatisfy(stream -> {
            assertThat(stream.path("codec_name").asText()).isEqualTo("png");
            assertThat(stream.path("disposition").path("attached_pic").asInt()).isEqualTo(1);
            assertThat(stream.path("tags").path("comment").asText()).isEqualTo("Cover (front)");
        });
    }

    @Test
    void theFirstFrameIsLamesInfoFrameWhoseDelayAndPaddingLeaveExactlyTheResampledLength() throws Exception {
        int samples = 3 * WAV_RATE + 11;
        Path mp3 = new Mp3Encoder(Mp3Properties.defaults())
                .renditionOf(wav(dir.resolve("info.wav"), new short[samples]), tags("Info", List.of()));

        byte[] bytes = Files.readAllBytes(mp3);
        int frame = 10 + ((bytes[6] & 0x7f) << 21 | (bytes[7] & 0x7f) << 14 | (bytes[8] & 0x7f) << 7 | bytes[9] & 0x7f);
        int info = frame + 4 + 17; // MPEG-1 mono: 17 bytes of side information before the tag
        assertThat(new String(bytes, info, 4, "ISO-8859-1")).isEqualTo("Info");
        assertThat(new String(bytes, info + 120, 4, "ISO-8859-1")).isEqualTo("LAME");
        int frames =
                ByteBuffer.wrap(bytes, info + 8, 4).order(ByteOrder.BIG_ENDIAN).getInt();
        int delay = (bytes[info + 141] & 0xff) << 4 | (bytes[info + 142] & 0xff) >> 4;
        int padding = (bytes[info + 142] & 0x0f) << 8 | bytes[info + 143] & 0xff;
        assertThat(frames * 1152L - delay - padding).isEqualTo(2L * samples);
    }

    private static Mp3Tags tags(String title, List<ChaptersFile.Entry> chapters) {
        return new Mp3Tags(title, "Night Show", "Night Author", Instant.parse("2026-11-30T02:15:00Z"), chapters, null);
    }

    private static Path wav(Path file, short[] samples) throws Exception {
        ByteBuffer pcm = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short sample : samples) {
            pcm.putShort(sample);
        }
        try (WavWriter writer = WavWriter.create(file)) {
            writer.write(pcm.flip());
        }
        return file;
    }
}
