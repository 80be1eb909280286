package dev.nightcast.narration;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import dev.nightcast.assembly.EpisodeAssembler;
import dev.nightcast.assembly.PlannedSegment;
import dev.nightcast.assembly.SegmentCheckpoints;
import dev.nightcast.audio.Mastering;
import dev.nightcast.audio.PcmFormat;
import dev.nightcast.audio.WavWriter;
import dev.nightcast.realtime.TokenUsage;
import dev.nightcast.script.Passage;
import dev.nightcast.script.SourceLocation;
import dev.nightcast.support.Ebur128;
import dev.nightcast.support.TestAudio;

/**
 * CPU of mastering an episode ({@code bench/loudness.sh}): an hour of two-voice speech-like audio
 * (the guest 9 dB quieter) kept as 30 s segments on disk, joined by the real {@link EpisodeAssembler}
 * (measure pass, then level, limit, write and measure the output), against a plain join that only
 * copies the segments into a WAV, as the assembler did before. CPU is this thread's, so the figures
 * are per audio hour of one episode; ffmpeg then judges the output.
 *
 * <pre>java -cp ... dev.nightcast.narration.MasteringBenchmark [minutes] [target-lufs]</pre>
 */
public final class MasteringBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final SourceLocation WHERE = new SourceLocation(Path.of("bench.md"), 1);
    private static final int SEGMENT_SECONDS = 30;

    private MasteringBenchmark() {}

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        double target = args.length > 1 ? Double.parseDouble(args[1]) : -16;
        Path dir = Files.createTempDirectory("nightcast-mastering");
        try {
            System.out.printf(
                    Locale.ROOT,
                    "writing %d minutes of two-voice audio as %d s segments under %s%n",
                    minutes,
                    SEGMENT_SECONDS,
                    dir);
            SegmentCheckpoints checkpoints = new SegmentCheckpoints(dir.resolve("segments"));
            List<EpisodeAssembler.Finished> episode = episode(checkpoints, minutes);
            List<EpisodeAssembler.Finished> warmUp = episode.subList(0, Math.min(episode.size(), 10));
            Mastering mastering = new Mastering(PcmFormat.SAMPLE_RATE, target, -1);
            for (int i = 0; i < 3; i++) {
                copy(dir.resolve("warm.wav"), warmUp, checkpoints);
                new EpisodeAssembler(mastering).join(dir.resolve("warm.wav"), warmUp, checkpoints, "Warm-up");
            }
            double hours = minutes / 60.0;

            long cpu = THREADS.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            copy(dir.resolve("copied.wav"), episode, checkpoints);
            report("plain join (copy only, as before)", cpu, wall, hours);

            cpu = THREADS.getCurrentThreadCpuTime();
            wall = System.nanoTime();
            EpisodeAssembler.Assembly assembly =
                    new EpisodeAssembler(mastering).join(dir.resolve("mastered.wav"), episode, checkpoints, "Episode");
            report("mastered join (measure, level, limit, write, measure)", cpu, wall, hours);

            Ebur128 judged = Ebur128.of(dir.resolve("mastered.wav"));
            System.out.printf(Locale.ROOT, "target %.1f LUFS, ceiling -1.0 dBTP%n", target);
            System.out.printf(
                    Locale.ROOT,
                    "ours:   I %.2f LUFS  TP %.2f dBTP  LRA %.2f LU%n",
                    assembly.loudness().integratedLufs(),
                    assembly.loudness().truePeakDbtp(),
                    assembly.loudness().rangeLu());
            System.out.printf(
                    Locale.ROOT,
                    "ffmpeg: I %.1f LUFS  TP %.1f dBTP  LRA %.1f LU%n",
                    judged.integratedLufs(),
                    judged.truePeakDbtp(),
                    judged.rangeLu());
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static void report(String what, long cpuStart, long wallStart, double hours) {
        double cpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        double wall = (System.nanoTime() - wallStart) / 1e9;
        System.out.printf(
                Locale.ROOT, "%-56s CPU %6.2f s per audio hour (wall %.2f s)%n", what, cpu / hours, wall / hours);
    }

    private static List<EpisodeAssembler.Finished> episode(SegmentCheckpoints checkpoints, int minutes)
            throws IOException {
        Passage host = new Passage("HOST", "alloy", "Host.", false, WHERE);
        Passage guest = new Passage("GUEST", "verse", "Guest.", false, WHERE);
        double[] hostAudio = TestAudio.speechLike(SEGMENT_SECONDS, 0.3, 1);
        double[] guestAudio = TestAudio.speechLike(SEGMENT_SECONDS, 0.3 * Math.pow(10, -9 / 20.0), 2);
        byte[] hostPcm = TestAudio.pcm(hostAudio);
        byte[] guestPcm = TestAudio.pcm(guestAudio);
        List<EpisodeAssembler.Finished> episode = new ArrayList<>();
        for (int i = 0; i < minutes * 60 / SEGMENT_SECONDS; i++) {
            Passage passage = i % 2 == 0 ? host : guest;
            PlannedSegment segment = new PlannedSegment(
                    i,
                    String.format(Locale.ROOT, "%04d", i),
                    passage,
                    passage.text(),
                    true,
                    i == 0 ? Duration.ZERO : Duration.ofMillis(500));
            SegmentCheckpoints.Recording recording = checkpoints.record(segment);
            recording.accept(ByteBuffer.wrap(i % 2 == 0 ? hostPcm : guestPcm));
            episode.add(new EpisodeAssembler.Finished(
                    segment,
                    checkpoints.keep(
                            segment,
                            recording,
                            new SegmentCheckpoints.Take(
                                    recording.bytes(), passage.text(), 0, 1, TokenUsage.ZERO, java.util.List.of()))));
        }
        return episode;
    }

    /** The join as it was before mastering: pauses as silence, each segment's PCM copied through a buffer. */
    private static void copy(Path wavFile, List<EpisodeAssembler.Finished> segments, SegmentCheckpoints checkpoints)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        try (WavWriter wav = WavWriter.create(wavFile)) {
            for (EpisodeAssembler.Finished finished : segments) {
                if (wav.dataBytes() > 0) {
                    wav.writeSilence(finished.segment().pauseBefore());
                }
                try (FileChannel in =
                        FileChannel.open(checkpoints.audio(finished.segment()), StandardOpenOption.READ)) {
                    while (in.read(buffer.clear()) > 0) {
                        wav.write(buffer.flip());
                    }
                }
            }
        }
    }
}
