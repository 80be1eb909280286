package dev.nightcast.podcast;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import dev.nightcast.audio.WavWriter;
import dev.nightcast.publication.ChaptersFile;

/**
 * CPU of the MP3 renditions, alone on one thread: resampling from 24 kHz, then the whole rendition
 * (resampling, LAME, tag and Info frame), in seconds of CPU per hour of audio, for each output rate.
 * The audio is speech-like: words of a voiced tone with harmonics and breath noise, 20% pauses,
 * about what the encoder sees of a narration. Run by {@code bench/run.sh mp3}.
 */
public final class Mp3EncodingBenchmark {

    private static final int RATE = 24_000;

    private Mp3EncodingBenchmark() {}

    /** @param audioHours how much audio each measurement encodes */
    public static String run(double audioHours) throws IOException {
        Path folder = Files.createTempDirectory("mp3-benchmark");
        Path wav = folder.resolve("bench.wav");
        try {
            speech(wav, audioHours);
            StringBuilder report = new StringBuilder(String.format(
                    Locale.ROOT,
                    "MP3 renditions alone, one thread, %.2f h of speech-like audio at 64 kbit/s:%n",
                    audioHours));
            for (int rate : new int[] {48_000, 44_100}) {
                Mp3Encoder encoder = new Mp3Encoder(new Mp3Properties(64, rate, null));
                Path warmUp = speech(folder.resolve("warm-up.wav"), 0.02);
                encoder.renditionOf(warmUp, tags(0));
                resamplingCpuSeconds(warmUp, rate);
                double resampling = resamplingCpuSeconds(wav, rate) / audioHours;
                long before = cpuNanos();
                encoder.renditionOf(wav, tags(rate));
                double whole = (cpuNanos() - before) / 1e9 / audioHours;
                report.append(String.format(
                        Locale.ROOT,
                        "  %5d Hz   resampling %5.2f s, whole rendition %5.2f s CPU per audio hour (%.0fx real time)%n",
                        rate,
                        resampling,
                        whole,
                        3600 / whole));
            }
            return report.toString();
        } finally {
            try (var files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(folder);
        }
    }

    private static double resamplingCpuSeconds(Path wav, int rate) throws IOException {
        long before = cpuNanos();
        Resampler resampler = new Resampler(RATE, rate);
        byte[] bytes = Files.readAllBytes(wav);
        ByteBuffer pcm = ByteBuffer.wrap(bytes, 44, bytes.length - 44).slice().order(ByteOrder.LITTLE_ENDIAN);
        float[] block = new float[16 * 1152];
        float[] out = new float[resampler.maxOutput(block.length)];
        while (pcm.remaining() >= 2) {
            int n = Math.min(block.length, pcm.remaining() / 2);
            for (int i = 0; i < n; i++) {
                block[i] = pcm.getShort();
            }
            resampler.resample(block, 0, n, out);
        }
        resampler.finish(out);
        return (cpuNanos() - before) / 1e9;
    }

    private static Mp3Tags tags(int variant) {
        return new Mp3Tags(
                "Benchmark " + variant,
                "Nightcast",
                "Nightcast",
                Instant.EPOCH,
                List.of(new ChaptersFile.Entry(0, "Start")),
                null);
    }

    private static long cpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.getCurrentThreadCpuTime();
    }

    /** Words of 0.4 s: 80% a voiced tone (fundamental and three harmonics, a little noise), then silence. */
    private static Path speech(Path file, double hours) throws IOException {
        Random random = new Random(14);
        long samples = (long) (hours * 3600 * RATE);
        int word = RATE * 2 / 5;
        ByteBuffer pcm = ByteBuffer.allocate(word * 2).order(ByteOrder.LITTLE_ENDIAN);
        try (WavWriter writer = WavWriter.create(file)) {
            for (long at = 0; at < samples; at += word) {
                double pitch = 110 + random.nextInt(12) * 15;
                pcm.clear();
                for (int i = 0; i < word && at + i < samples; i++) {
                    double voiced = 0;
                    for (int harmonic = 1; harmonic <= 4; harmonic++) {
                        voiced += Math.sin(2 * Math.PI * pitch * harmonic * i / RATE) / harmonic;
                    }
                    double level = i < word * 4 / 5 ? 5_000 : 0;
                    pcm.putShort((short) (level * voiced + level * 0.05 * random.nextGaussian()));
                }
                writer.write(pcm.flip());
            }
        }
        return file;
    }
}
