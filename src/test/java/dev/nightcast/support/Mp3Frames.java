package dev.nightcast.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Walks an MP3 file frame by frame the way a decoder finds frames (ISO 11172-3 / 13818-3 Layer III
 * headers), so a test can tell a real MP3 from bytes that merely start like one.
 *
 * @param frames Layer III frames from the first byte (after an ID3v2 tag) to the last
 * @param sampleRate from the headers, which must all agree
 * @param bitrateKbps of the first frame
 */
public record Mp3Frames(int frames, int sampleRate, int bitrateKbps, int samplesPerFrame, boolean mono) {

    private static final int[] MPEG1_KBPS = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320};
    private static final int[] MPEG2_KBPS = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};
    private static final int[][] RATES = {{11025, 12000, 8000}, null, {22050, 24000, 16000}, {44100, 48000, 32000}};

    public double seconds() {
        return (double) frames * samplesPerFrame / sampleRate;
    }

    /** @throws IllegalStateException at the first byte that is not where a valid frame header should be */
    public static Mp3Frames read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        int pos = 0;
        if (b.length >= 10 && b[0] == 'I' && b[1] == 'D' && b[2] == '3') {
            pos = 10 + ((b[6] & 0x7f) << 21 | (b[7] & 0x7f) << 14 | (b[8] & 0x7f) << 7 | (b[9] & 0x7f));
        }
        int end = b.length;
        if (end >= 128 && b[end - 128] == 'T' && b[end - 127] == 'A' && b[end - 126] == 'G') {
            end -= 128;
        }
        int frames = 0;
        int rate = 0;
        int firstKbps = 0;
        int samples = 0;
        boolean mono = false;
        while (pos < end) {
            if (pos + 4 > end) {
                throw new IllegalStateException("truncated frame header at byte " + pos);
            }
            int h = (b[pos] & 0xff) << 24 | (b[pos + 1] & 0xff) << 16 | (b[pos + 2] & 0xff) << 8 | (b[pos + 3] & 0xff);
            int version = h >>> 19 & 3;
            int layer = h >>> 17 & 3;
            int bitrateIndex = h >>> 12 & 0xf;
            int rateIndex = h >>> 10 & 3;
            if ((h >>> 21) != 0x7ff
                    || version == 1
                    || layer != 1
                    || bitrateIndex == 0
                    || bitrateIndex == 15
                    || rateIndex == 3) {
                throw new IllegalStateException(
                        String.format("no Layer III frame header at byte %d of %d: %08x", pos, b.length, h));
            }
            int kbps = (version == 3 ? MPEG1_KBPS : MPEG2_KBPS)[bitrateIndex];
            int frameRate = RATES[version][rateIndex];
            if (rate != 0 && frameRate != rate) {
                throw new IllegalStateException("sample rate changes at byte " + pos);
            }
            int padding = h >>> 9 & 1;
            int length = (version == 3 ? 144 : 72) * kbps * 1000 / frameRate + padding;
            if (frames == 0) {
                firstKbps = kbps;
                samples = version == 3 ? 1152 : 576;
                mono = (h >>> 6 & 3) == 3;
            }
            rate = frameRate;
            frames++;
            pos += length;
        }
        if (pos != end) {
            throw new IllegalStateException("the last frame runs past the end of the file");
        }
        return new Mp3Frames(frames, rate, firstKbps, samples, mono);
    }
}
