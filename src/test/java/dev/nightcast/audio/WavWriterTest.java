package dev.nightcast.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesACanonicalPcmHeaderThatJavaSoundAccepts() throws Exception {
        Path file = dir.resolve("tone.wav");
        try (WavWriter wav = WavWriter.create(file)) {
            wav.write(ByteBuffer.wrap(samples(24_000)));
        }

        AudioFileFormat format = AudioSystem.getAudioFileFormat(file.toFile());
        AudioFormat audio = format.getFormat();
        assertThat(format.getType()).isEqualTo(AudioFileFormat.Type.WAVE);
        assertThat(audio.getEncoding()).isEqualTo(AudioFormat.Encoding.PCM_SIGNED);
        assertThat(audio.getSampleRate()).isEqualTo(24_000f);
        assertThat(audio.getChannels()).isEqualTo(1);
        assertThat(audio.getSampleSizeInBits()).isEqualTo(16);
        assertThat(audio.isBigEndian()).isFalse();
        assertThat(format.getFrameLength()).isEqualTo(24_000);
        assertThat(Files.size(file)).isEqualTo(44 + 48_000);
    }

    @Test
    void headerSizesArePatchedWithTheDataLength() throws Exception {
        Path file = dir.resolve("sizes.wav");
        try (WavWriter wav = WavWriter.create(file)) {
            wav.write(ByteBuffer.wrap(samples(1000)));
            wav.write(ByteBuffer.wrap(samples(500)));
        }

        ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(header.getInt(4)).isEqualTo(36 + 3000);
        assertThat(header.getInt(40)).isEqualTo(3000);
        assertThat(header.getInt(28)).isEqualTo(48_000);
        assertThat(header.getShort(32)).isEqualTo((short) 2);
    }

    @Test
    void anUnclosedFileRevealsTheInterruptedWriteWithZeroSizes() throws Exception {
        Path file = dir.resolve("partial.wav");
        WavWriter wav = WavWriter.create(file);
        wav.write(ByteBuffer.wrap(samples(100)));

        ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(header.getInt(40)).isZero();
        wav.close();
    }

    @Test
    void anOddTrailingByteIsCarriedIntoTheNextWriteSoSamplesStayWhole() throws Exception {
        Path file = dir.resolve("odd.wav");
        byte[] pcm = samples(10);
        try (WavWriter wav = WavWriter.create(file)) {
            wav.write(ByteBuffer.wrap(pcm, 0, 7));
            assertThat(wav.dataBytes()).isEqualTo(6);
            wav.write(ByteBuffer.wrap(pcm, 7, 13));
        }

        byte[] written = Files.readAllBytes(file);
        assertThat(written.length).isEqualTo(44 + 20);
        assertThat(java.util.Arrays.copyOfRange(written, 44, 64)).isEqualTo(pcm);
    }

    @Test
    void rewindingDropsTheAudioOfAFailedAttempt() throws Exception {
        Path file = dir.resolve("rewind.wav");
        try (WavWriter wav = WavWriter.create(file)) {
            wav.write(ByteBuffer.wrap(samples(100)));
            long mark = wav.mark();
            wav.write(ByteBuffer.wrap(samples(400)));
            wav.rewindTo(mark);
            wav.write(ByteBuffer.wrap(samples(50)));
        }

        assertThat(Files.size(file)).isEqualTo(44 + 300);
        ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(header.getInt(40)).isEqualTo(300);
    }

    @Test
    void rewindingBeyondWhatWasAlreadyWrittenOutTruncatesTheFile() throws Exception {
        Path file = dir.resolve("rewind-far.wav");
        byte[] kept = samples(1_000);
        try (WavWriter wav = WavWriter.create(file)) {
            wav.write(ByteBuffer.wrap(kept));
            long mark = wav.mark();
            for (int i = 0; i < 10; i++) {
                wav.write(ByteBuffer.wrap(samples(10_000)));
            }
            wav.rewindTo(mark);
            assertThat(wav.dataBytes()).isEqualTo(2_000);
            wav.write(ByteBuffer.wrap(kept));
        }

        byte[] written = Files.readAllBytes(file);
        assertThat(written.length).isEqualTo(44 + 4_000);
        assertThat(java.util.Arrays.copyOfRange(written, 44, 2_044)).isEqualTo(kept);
        assertThat(java.util.Arrays.copyOfRange(written, 2_044, 4_044)).isEqualTo(kept);
        assertThat(ByteBuffer.wrap(written).order(ByteOrder.LITTLE_ENDIAN).getInt(40))
                .isEqualTo(4_000);
    }

    @Test
    void manySmallOddDeltasComeOutAsTheSameWholeSamplesAcrossBufferBoundaries() throws Exception {
        Path file = dir.resolve("deltas.wav");
        byte[] pcm = new byte[300_001];
        new java.util.Random(11).nextBytes(pcm);
        try (WavWriter wav = WavWriter.create(file)) {
            for (int offset = 0; offset < pcm.length; offset += 4_801) {
                wav.write(ByteBuffer.wrap(pcm, offset, Math.min(4_801, pcm.length - offset)));
            }
        }

        byte[] written = Files.readAllBytes(file);
        assertThat(written.length).isEqualTo(44 + 300_000);
        assertThat(java.util.Arrays.copyOfRange(written, 44, written.length))
                .isEqualTo(java.util.Arrays.copyOf(pcm, 300_000));
    }

    @Test
    void silenceIsZeroSamplesOfTheRequestedLength() throws Exception {
        Path file = dir.resolve("silence.wav");
        try (WavWriter wav = WavWriter.create(file)) {
            wav.writeSilence(Duration.ofMillis(350));
        }

        byte[] written = Files.readAllBytes(file);
        assertThat(written.length).isEqualTo(44 + 16_800);
        for (int i = 44; i < written.length; i++) {
            assertThat(written[i]).isZero();
        }
    }

    private static byte[] samples(int count) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(count * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            buffer.putShort((short) (Math.sin(i / 10.0) * 8000));
        }
        return buffer.array();
    }
}
