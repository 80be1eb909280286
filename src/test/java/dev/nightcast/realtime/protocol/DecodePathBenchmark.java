package dev.nightcast.realtime.protocol;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;

import dev.nightcast.audio.WavWriter;

/**
 * CPU of the client's own audio path, alone on one thread: decoding audio-delta frames as the
 * service sends them and writing the PCM to a WAV file, in microseconds of CPU per second of
 * audio. Free of the transport and of other processes' noise, unlike the whole-job benchmark.
 * Run by {@code bench/run.sh decode}; also compares the general (Jackson) decoding path, which
 * frames with their fields in another order take.
 */
public final class DecodePathBenchmark {

    private static final int PCM_BYTES_PER_FRAME = 7_200; // 0.15 s, as the simulator and the service send
    private static final double AUDIO_SECONDS_PER_FRAME = PCM_BYTES_PER_FRAME / 48_000.0;

    private DecodePathBenchmark() {}

    /** @param audioHours how much audio each measurement decodes */
    public static String run(double audioHours) throws IOException, MalformedEventException {
        byte[] pcm = new byte[PCM_BYTES_PER_FRAME];
        new Random(1).nextBytes(pcm);
        String base64 = Base64.getEncoder().encodeToString(pcm);
        String serviceShape = "{\"type\":\"response.output_audio.delta\",\"event_id\":\"event_Cx1YbqHc2A\","
                + "\"response_id\":\"resp_Cx1Yb3kP\",\"item_id\":\"item_Cx1YbW7\",\"output_index\":0,"
                + "\"content_index\":0,\"delta\":\"" + base64 + "\"}";
        String otherOrder = "{\"delta\":\"" + base64 + "\",\"type\":\"response.output_audio.delta\","
                + "\"event_id\":\"event_Cx1YbqHc2A\",\"response_id\":\"resp_Cx1Yb3kP\",\"item_id\":\"item_Cx1YbW7\","
                + "\"output_index\":0,\"content_index\":0}";
        int frames = (int) (audioHours * 3600 / AUDIO_SECONDS_PER_FRAME);
        Path wav = Files.createTempFile("decode-benchmark", ".wav");
        try {
            measure(serviceShape, frames / 4, null); // warm-up
            measure(otherOrder, frames / 4, null);
            double fast = measure(serviceShape, frames, null);
            double general = measure(otherOrder, frames, null);
            double fastAndWrite = measure(serviceShape, frames, wav);
            return String.format(
                    Locale.ROOT,
                    """
                    audio path alone, one thread, %.1f h of audio in frames of %d PCM bytes:
                      decode, service's field order (fast path)   %6.1f µs CPU per audio second
                      decode, any other order (Jackson)           %6.1f µs CPU per audio second
                      fast path + WAV write                       %6.1f µs CPU per audio second (%.3f s per audio hour)
                    """,
                    audioHours,
                    PCM_BYTES_PER_FRAME,
                    fast,
                    general,
                    fastAndWrite,
                    fastAndWrite * 3600 / 1e6);
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    /** @return CPU microseconds per second of audio */
    private static double measure(String frame, int frames, Path wav) throws IOException, MalformedEventException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        EventDecoder decoder = new EventDecoder();
        long bytes = 0;
        long start = threads.getCurrentThreadCpuTime();
        try (WavWriter writer = wav == null ? null : WavWriter.create(wav)) {
            for (int i = 0; i < frames; i++) {
                ByteBuffer audio = ((ServerEvent.AudioDelta) decoder.decode(frame)).pcm();
                bytes += audio.remaining();
                if (writer != null) {
                    writer.write(audio);
                }
            }
        }
        long cpu = threads.getCurrentThreadCpuTime() - start;
        if (bytes != (long) frames * PCM_BYTES_PER_FRAME) {
            throw new IllegalStateException("decoded " + bytes + " bytes, expected " + frames * PCM_BYTES_PER_FRAME);
        }
        return cpu / 1e3 / (frames * AUDIO_SECONDS_PER_FRAME);
    }
}
