package dev.nightcast.audio;

import java.time.Duration;

/** The one audio format the Realtime API streams and Nightcast writes: PCM16 little-endian, mono, 24 kHz. */
public final class PcmFormat {

    public static final int SAMPLE_RATE = 24_000;
    public static final int CHANNELS = 1;
    public static final int BITS_PER_SAMPLE = 16;
    public static final int BLOCK_ALIGN = CHANNELS * BITS_PER_SAMPLE / 8;
    public static final int BYTE_RATE = SAMPLE_RATE * BLOCK_ALIGN;

    private PcmFormat() {}

    public static long durationMillis(long pcmBytes) {
        return pcmBytes * 1000 / BYTE_RATE;
    }

    /** Byte count of {@code duration} of audio, rounded down to whole samples. */
    public static long bytesFor(Duration duration) {
        long bytes = duration.toMillis() * BYTE_RATE / 1000;
        return bytes - bytes % BLOCK_ALIGN;
    }
}
