package dev.nightcast.assembly;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import dev.nightcast.audio.Fade;
import dev.nightcast.audio.Levelling;
import dev.nightcast.audio.Loudness;
import dev.nightcast.audio.LoudnessMeter;
import dev.nightcast.audio.MasterRenderer;
import dev.nightcast.audio.Mastering;
import dev.nightcast.audio.PcmFormat;
import dev.nightcast.audio.WavWriter;
import dev.nightcast.lexicon.Lexicon;
import dev.nightcast.lexicon.Written;
import dev.nightcast.realtime.TranscriptMark;
import dev.nightcast.script.Passage;

/**
 * Joins an episode's kept segments, in reading order, into its WAV, levelled and normalised, in two
 * passes over the segment files so a two-hour episode never sits in memory:
 * <ol>
 * <li>the joined episode (the pause before each segment as silence, each segment faded in and out
 * over a few ms so no join clicks) is measured with one {@link LoudnessMeter} track per voice;</li>
 * <li>it is played again through each voice's gain (every voice to the target, then the whole to
 * the target: {@link Levelling}) and the true-peak limiter into the WAV, which is measured as it is
 * written ({@link MasterRenderer}).</li>
 * </ol>
 * Builds the transcript (each dialogue turn prefixed with its speaker label), the caption cues
 * ({@link SegmentCaptions}: within each segment, timed by where its transcript deltas arrived, offset
 * by where the segment landed; levelling changes no length, so the offsets of the first pass hold)
 * and the chapters (one per section). Immutable.
 */
public final class EpisodeAssembler {

    private static final int COPY_BUFFER = 64 * 1024;
    /** Any block size direct I/O may ask for divides this. */
    private static final int MAX_ALIGNMENT = 64 * 1024;

    private static final double FULL_SCALE = 32768.0;

    private final Mastering mastering;
    private final Fade fade;

    public EpisodeAssembler(Mastering mastering) {
        if (mastering.sampleRate() != PcmFormat.SAMPLE_RATE) {
            throw new IllegalArgumentException("The master is made at the gateway's " + PcmFormat.SAMPLE_RATE
                    + " Hz; resampling it to " + mastering.sampleRate() + " Hz is not supported");
        }
        this.mastering = mastering;
        this.fade = new Fade(mastering.sampleRate());
    }

    /** A segment ready to be joined. */
    public record Finished(PlannedSegment segment, SegmentCheckpoints.Take take) {}

    /**
     * @param errors word errors of all accepted readings
     * @param referenceWords normalised words of the whole script
     * @param worstSegmentErrorRate the highest word error rate of a single segment
     * @param loudness of the WAV as written
     */
    public record Assembly(
            long audioBytes,
            String transcript,
            List<SubtitleCue> cues,
            List<Chapter> chapters,
            int errors,
            int referenceWords,
            double worstSegmentErrorRate,
            Loudness loudness,
            @Nullable String modelSnapshot) {

        public Assembly(
                long audioBytes,
                String transcript,
                List<SubtitleCue> cues,
                List<Chapter> chapters,
                int errors,
                int referenceWords,
                double worstSegmentErrorRate,
                Loudness loudness) {
            this(audioBytes, transcript, cues, chapters, errors, referenceWords, worstSegmentErrorRate, loudness, null);
        }

        public double wordErrorRate() {
            return referenceWords == 0 ? 0 : errors / (double) referenceWords;
        }
    }

    /** @param title the episode's title: the chapter title of what comes before the first heading */
    public Assembly join(Path wavFile, List<Finished> segments, SegmentCheckpoints checkpoints, String title)
            throws IOException {
        Map<String, Integer> tracks = new LinkedHashMap<>();
        segments.forEach(finished -> tracks.putIfAbsent(finished.segment().voice(), tracks.size()));
        Joined joined = new Joined(segments, checkpoints, tracks);

        LoudnessMeter measured = new LoudnessMeter(mastering.sampleRate(), Math.max(1, tracks.size()));
        joined.play(new Player() {
            @Override
            public void samples(double[] samples, int count, int track) {
                measured.add(samples, 0, count, track);
            }

            @Override
            public void silence(double[] zeros, int count, int track) {
                // Credited to the voice before it: what the filter still rings with is that voice's.
                measured.add(zeros, 0, count, track);
            }
        });
        double[] gains = Levelling.gains(measured, mastering.targetLufs());

        try (WavWriter wav = WavWriter.create(wavFile)) {
            MasterRenderer master = new MasterRenderer(mastering, gains, wav);
            List<Placed> placed = joined.play(new Player() {
                @Override
                public void samples(double[] samples, int count, int track) throws IOException {
                    master.add(samples, 0, count, track);
                }

                @Override
                public void silence(double[] zeros, int count, int track) throws IOException {
                    master.silence(count);
                }
            });
            Loudness loudness = master.finish();
            return assembly(placed, joined.samples() * PcmFormat.BLOCK_ALIGN, loudness, title);
        }
    }

    private static Assembly assembly(List<Placed> placed, long audioBytes, Loudness loudness, String title) {
        StringBuilder transcript = new StringBuilder();
        List<SubtitleCue> cues = new ArrayList<>(placed.size());
        List<Chapter> chapters = new ArrayList<>();
        int errors = 0;
        int referenceWords = 0;
        double worst = 0;
        Passage previous = null;
        for (Placed place : placed) {
            PlannedSegment segment = place.finished().segment();
            SegmentCheckpoints.Take take = place.finished().take();
            take = asWritten(segment, take);
            cues.addAll(cues(segment, take, place.start(), place.end()));
            if (previous != segment.passage()
                    && (chapters.isEmpty() || segment.passage().opensSection())) {
                chapters.add(new Chapter(place.start(), chapterTitle(segment.passage(), title)));
            }
            appendTranscript(transcript, previous, segment, take.transcript());
            previous = segment.passage();
            errors += take.errors();
            referenceWords += take.referenceWords();
            worst = Math.max(worst, take.referenceWords() == 0 ? 0 : take.errors() / (double) take.referenceWords());
        }
        // The snapshots that spoke its segments, kept ones included: two mean two voices in one episode.
        Set<String> snapshots = new TreeSet<>();
        placed.forEach(place -> {
            String snapshot = place.finished().take().modelSnapshot();
            if (snapshot != null) {
                snapshots.add(snapshot);
            }
        });
        return new Assembly(
                audioBytes,
                transcript.toString(),
                cues,
                chapters,
                errors,
                referenceWords,
                worst,
                loudness,
                snapshots.isEmpty() ? null : String.join(",", snapshots));
    }

    /**
     * The take as the author wrote it: the model read the spoken form (aliases in place of the
     * lexicon's graphemes), and the transcript and captions show the graphemes, each caption mark
     * moved to where its characters now are.
     */
    private static SegmentCheckpoints.Take asWritten(PlannedSegment segment, SegmentCheckpoints.Take take) {
        if (segment.spoken().applied().isEmpty() || take.transcript() == null) {
            return take;
        }
        Written written = Lexicon.written(take.transcript(), segment.spoken().applied());
        List<TranscriptMark> marks = take.marks().stream()
                .map(mark -> new TranscriptMark(written.position(mark.character()), mark.audioByte()))
                .toList();
        return new SegmentCheckpoints.Take(
                take.audioBytes(),
                written.text(),
                take.errors(),
                take.referenceWords(),
                take.usage(),
                marks,
                take.modelSnapshot());
    }

    /** Caption cues of the transcript; of the script's text, spread over the audio, when the reading left none. */
    private static List<SubtitleCue> cues(PlannedSegment segment, SegmentCheckpoints.Take take, long start, long end) {
        String speaker = segment.passage().speaker();
        boolean transcribed = take.transcript() != null && !take.transcript().isBlank();
        return transcribed
                ? SegmentCaptions.of(start, end - start, speaker, take.transcript(), take.marks())
                : SegmentCaptions.of(start, end - start, speaker, segment.text(), List.of());
    }

    private static String chapterTitle(Passage passage, String episodeTitle) {
        return passage.heading() != null && !passage.heading().isBlank() ? passage.heading() : episodeTitle;
    }

    /** Where a segment landed in the WAV, in bytes from the start of its audio data. */
    private record Placed(Finished finished, long start, long end) {}

    /** Where the joined episode's samples go, in order. */
    private interface Player {

        void samples(double[] samples, int count, int track) throws IOException;

        void silence(double[] zeros, int count, int track) throws IOException;
    }

    /** The episode as it is joined: segments in reading order, pauses between them, fades at their ends. */
    private final class Joined {

        private final List<Finished> segments;
        private final SegmentCheckpoints checkpoints;
        private final Map<String, Integer> tracks;
        // Native and block-aligned: kept audio is read straight into it, bypassing the page cache
        // where the file system allows (see UncachedFiles).
        private final ByteBuffer buffer =
                UncachedFiles.buffer(COPY_BUFFER, MAX_ALIGNMENT).order(ByteOrder.LITTLE_ENDIAN);
        private final double[] samples = new double[COPY_BUFFER / PcmFormat.BLOCK_ALIGN];
        private final double[] zeros = new double[mastering.sampleRate() / 10];
        private long position;

        Joined(List<Finished> segments, SegmentCheckpoints checkpoints, Map<String, Integer> tracks) {
            this.segments = segments;
            this.checkpoints = checkpoints;
            this.tracks = tracks;
        }

        /** Plays the whole episode into {@code player}; returns where each segment landed. */
        List<Placed> play(Player player) throws IOException {
            List<Placed> placed = new ArrayList<>(segments.size());
            position = 0;
            int previousTrack = 0;
            for (Finished finished : segments) {
                PlannedSegment segment = finished.segment();
                int track = Objects.requireNonNull(tracks.get(segment.voice()), "every voice has a track");
                if (position > 0) {
                    long pause = PcmFormat.bytesFor(segment.pauseBefore()) / PcmFormat.BLOCK_ALIGN;
                    for (long left = pause; left > 0; left -= zeros.length) {
                        player.silence(zeros, (int) Math.min(zeros.length, left), previousTrack);
                    }
                    position += pause;
                }
                long start = position;
                position += play(checkpoints.audio(segment), track, player);
                placed.add(new Placed(finished, start * PcmFormat.BLOCK_ALIGN, position * PcmFormat.BLOCK_ALIGN));
                previousTrack = track;
            }
            return placed;
        }

        /** Samples in the episode as last played. */
        long samples() {
            return position;
        }

        /** Plays one segment's PCM, faded in and out; returns its length in samples (a stray odd byte is dropped). */
        private long play(Path pcm, int track, Player player) throws IOException {
            UncachedFiles.Handle handle = UncachedFiles.open(pcm, StandardOpenOption.READ);
            try (FileChannel in = handle.channel()) {
                long size = in.size();
                long length = size / PcmFormat.BLOCK_ALIGN;
                // Reads at whole-buffer positions, stopping at the size: a direct read past the end
                // would start at an unaligned position.
                long read = 0;
                long played = 0;
                while (read < size) {
                    int n = in.read(buffer.clear(), read);
                    if (n <= 0) {
                        throw new IOException(pcm + " ended at " + read + " of " + size + " bytes");
                    }
                    read += n;
                    int count = (int) (Math.min(read, length * PcmFormat.BLOCK_ALIGN) / PcmFormat.BLOCK_ALIGN - played);
                    for (int i = 0; i < count; i++) {
                        samples[i] = buffer.getShort(i * PcmFormat.BLOCK_ALIGN) / FULL_SCALE;
                    }
                    fade.apply(samples, 0, count, played, length);
                    player.samples(samples, count, track);
                    played += count;
                }
                return length;
            }
        }
    }

    private static void appendTranscript(
            StringBuilder transcript, @Nullable Passage previous, PlannedSegment segment, String text) {
        String spoken = text == null ? "" : text.strip();
        if (previous == segment.passage()) {
            transcript.append(segment.startsParagraph() ? "\n\n" : " ");
        } else {
            if (transcript.length() > 0) {
                transcript.append("\n\n");
            }
            if (segment.passage().speaker() != null) {
                transcript.append(segment.passage().speaker()).append(": ");
            }
        }
        transcript.append(spoken);
    }
}
