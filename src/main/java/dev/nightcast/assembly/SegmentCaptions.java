package dev.nightcast.assembly;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.nightcast.audio.PcmFormat;
import dev.nightcast.realtime.TranscriptMark;
import dev.nightcast.text.Captions;

/**
 * The caption cues of one segment: its transcript cut into cues of caption size
 * ({@link Captions}), each starting where its first word was spoken. A word is placed by the
 * transcript deltas the gateway streamed ({@link TranscriptMark}: how much audio had arrived when
 * the delta holding it came), between two deltas in proportion to its characters. Without marks
 * that cover the segment (a segment kept before they were recorded, or a gateway that sent the
 * whole transcript before the audio) the words are spread over the audio by their characters.
 */
public final class SegmentCaptions {

    /** The longest a cue stays on screen. */
    static final Duration LONGEST_CUE = Duration.ofSeconds(7);

    private static final Pattern WORD = Pattern.compile("\\S+");

    private SegmentCaptions() {}

    /**
     * @param start where the segment's audio starts in the WAV's data, in bytes
     * @param audioBytes the segment's audio
     * @param speaker the cue voice in a dialogue, else null
     * @param transcript what was said
     * @param marks where the transcript's deltas arrived in the segment's audio
     */
    static List<SubtitleCue> of(
            long start, long audioBytes, @Nullable String speaker, String transcript, List<TranscriptMark> marks) {
        List<Anchor> anchors = anchors(transcript.length(), audioBytes, marks);
        List<Captions.TimedWord> words = new ArrayList<>();
        Matcher word = WORD.matcher(transcript);
        while (word.find()) {
            words.add(new Captions.TimedWord(word.group(), sampleAligned(byteAt(anchors, word.start()))));
        }
        List<SubtitleCue> cues = new ArrayList<>();
        for (Captions.Cue cue : Captions.of(words, audioBytes, PcmFormat.bytesFor(LONGEST_CUE))) {
            cues.add(new SubtitleCue(start + cue.start(), start + cue.end(), speaker, String.join("\n", cue.lines())));
        }
        return cues;
    }

    /** A character of the transcript and the audio byte it was spoken at. */
    private record Anchor(int character, long audioByte) {}

    /**
     * The marks as anchors from the first character to the end of the audio, characters within the
     * transcript and bytes never going back; just the two ends when the marks say too little.
     */
    private static List<Anchor> anchors(int characters, long audioBytes, List<TranscriptMark> marks) {
        List<Anchor> anchors = new ArrayList<>();
        anchors.add(new Anchor(0, 0));
        boolean covers = !marks.isEmpty() && marks.get(marks.size() - 1).audioByte() >= audioBytes / 2;
        if (covers) {
            for (TranscriptMark mark : marks) {
                Anchor last = anchors.get(anchors.size() - 1);
                int character = Math.min(mark.character(), characters);
                long audioByte = Math.min(Math.max(mark.audioByte(), last.audioByte()), audioBytes);
                if (character > last.character()) {
                    anchors.add(new Anchor(character, audioByte));
                } else if (character == last.character()) {
                    anchors.set(anchors.size() - 1, new Anchor(character, Math.max(last.audioByte(), audioByte)));
                }
            }
        }
        if (anchors.get(anchors.size() - 1).character() < characters) {
            anchors.add(new Anchor(characters, audioBytes));
        }
        return anchors;
    }

    private static long byteAt(List<Anchor> anchors, int character) {
        for (int i = anchors.size() - 1; i >= 0; i--) {
            Anchor from = anchors.get(i);
            if (from.character() <= character) {
                if (i + 1 == anchors.size() || from.character() == character) {
                    return from.audioByte();
                }
                Anchor to = anchors.get(i + 1);
                return from.audioByte()
                        + (to.audioByte() - from.audioByte())
                                * (character - from.character())
                                / (to.character() - from.character());
            }
        }
        return 0;
    }

    private static long sampleAligned(long audioByte) {
        return audioByte - audioByte % PcmFormat.BLOCK_ALIGN;
    }
}
