package dev.nightcast.narration;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import dev.nightcast.audio.WavWriter;
import dev.nightcast.script.Passage;

/**
 * Joins an episode's kept segments, in reading order, into its WAV: the pause before each segment
 * as silence, then the segment's PCM copied from its checkpoint through a small buffer, so a
 * two-hour episode never sits in memory. Builds the transcript (each dialogue turn prefixed with its
 * speaker label), the caption cues ({@link SegmentCaptions}: within each segment, timed by where its
 * transcript deltas arrived, offset by where the segment landed) and the chapters (one per section).
 */
final class EpisodeAssembler {

    private static final int COPY_BUFFER = 64 * 1024;
    /** Any block size direct I/O may ask for divides this. */
    private static final int MAX_ALIGNMENT = 64 * 1024;

    private EpisodeAssembler() {
    }

    /** A segment ready to be joined. */
    record Finished(PlannedSegment segment, SegmentCheckpoints.Take take) {
    }

    /**
     * @param errors word errors of all accepted readings
     * @param referenceWords normalised words of the whole script
     * @param worstSegmentErrorRate the highest word error rate of a single segment
     */
    record Assembly(long audioBytes, String transcript, List<SubtitleCue> cues, List<Chapter> chapters, int errors,
            int referenceWords, double worstSegmentErrorRate) {

        double wordErrorRate() {
            return referenceWords == 0 ? 0 : errors / (double) referenceWords;
        }
    }

    /** @param title the episode's title: the chapter title of what comes before the first heading */
    static Assembly join(Path wavFile, List<Finished> segments, SegmentCheckpoints checkpoints, String title)
            throws IOException {
        StringBuilder transcript = new StringBuilder();
        List<SubtitleCue> cues = new ArrayList<>(segments.size());
        List<Chapter> chapters = new ArrayList<>();
        int errors = 0;
        int referenceWords = 0;
        double worst = 0;
        // Native and block-aligned: kept audio is read straight into it, bypassing the page cache
        // where the file system allows (see UncachedFiles).
        ByteBuffer buffer = UncachedFiles.buffer(COPY_BUFFER, MAX_ALIGNMENT);
        Passage previous = null;
        try (WavWriter wav = WavWriter.create(wavFile)) {
            for (Finished finished : segments) {
                PlannedSegment segment = finished.segment();
                if (wav.dataBytes() > 0) {
                    wav.writeSilence(segment.pauseBefore());
                }
                long start = wav.mark();
                copy(checkpoints.audio(segment), wav, buffer);
                cues.addAll(cues(segment, finished.take(), start, wav.mark()));
                if (previous != segment.passage() && (chapters.isEmpty() || segment.passage().opensSection())) {
                    chapters.add(new Chapter(start, chapterTitle(segment.passage(), title)));
                }
                appendTranscript(transcript, previous, segment, finished.take().transcript());
                previous = segment.passage();
                errors += finished.take().errors();
                referenceWords += finished.take().referenceWords();
                worst = Math.max(worst, finished.take().referenceWords() == 0 ? 0
                        : finished.take().errors() / (double) finished.take().referenceWords());
            }
            return new Assembly(wav.dataBytes(), transcript.toString(), cues, chapters, errors, referenceWords, worst);
        }
    }

    /** Caption cues of the transcript; of the script's text, spread over the audio, when the reading left none. */
    private static List<SubtitleCue> cues(PlannedSegment segment, SegmentCheckpoints.Take take, long start, long end) {
        String speaker = segment.passage().speaker();
        boolean transcribed = take.transcript() != null && !take.transcript().isBlank();
        return transcribed ? SegmentCaptions.of(start, end - start, speaker, take.transcript(), take.marks())
                : SegmentCaptions.of(start, end - start, speaker, segment.text(), List.of());
    }

    private static String chapterTitle(Passage passage, String episodeTitle) {
        return passage.heading() != null && !passage.heading().isBlank() ? passage.heading() : episodeTitle;
    }

    private static void copy(Path pcm, WavWriter wav, ByteBuffer buffer) throws IOException {
        UncachedFiles.Handle handle = UncachedFiles.open(pcm, StandardOpenOption.READ);
        try (FileChannel in = handle.channel()) {
            // Reads at whole-buffer positions, stopping at the size: a direct read past the end
            // would start at an unaligned position.
            long size = in.size();
            long position = 0;
            while (position < size) {
                int read = in.read(buffer.clear(), position);
                if (read <= 0) {
                    throw new IOException(pcm + " ended at " + position + " of " + size + " bytes");
                }
                position += read;
                wav.write(buffer.flip());
            }
        }
    }

    private static void appendTranscript(StringBuilder transcript, Passage previous, PlannedSegment segment,
            String text) {
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
