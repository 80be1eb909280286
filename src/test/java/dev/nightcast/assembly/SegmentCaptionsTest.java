package dev.nightcast.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.nightcast.realtime.TranscriptMark;

class SegmentCaptionsTest {

    private static final long SECOND = 48_000;

    @Test
    void aCueStartsWhereTheDeltaOfItsFirstWordArrivedInTheAudioOffsetByTheSegmentsPlace() {
        // "Yes." at 0 s, then a pause, "That is right." from 3 s on, as the deltas arrived
        String transcript = "Yes. The night was long and the keepers stayed awake. That is right.";
        List<TranscriptMark> marks = List.of(
                new TranscriptMark(0, 0),
                new TranscriptMark(5, SECOND / 2),
                new TranscriptMark(transcript.indexOf("That"), 3 * SECOND));

        List<SubtitleCue> cues = SegmentCaptions.of(10 * SECOND, 4 * SECOND, "HOST", transcript, marks);

        assertThat(cues)
                .extracting(SubtitleCue::text)
                .containsExactly("Yes. The night was long and\nthe keepers stayed awake.", "That is right.");
        assertThat(cues.get(0).endByte()).isEqualTo(13 * SECOND);
        assertThat(cues.get(0).startByte()).isEqualTo(10 * SECOND);
        assertThat(cues.get(1).startByte()).isEqualTo(13 * SECOND);
        assertThat(cues.get(1).endByte()).isEqualTo(14 * SECOND);
        assertThat(cues).extracting(SubtitleCue::speaker).containsOnly("HOST");
    }

    @Test
    void wordsThatCameInOneDeltaArePlacedBetweenItAndTheNextByTheirCharacters() {
        // one delta of two 10-character words at 0, the next delta at 2 s
        String transcript = "aaaaaaaaa bbbbbbbbb. ccccccccc dddddddd.";
        List<TranscriptMark> marks = List.of(new TranscriptMark(0, 0), new TranscriptMark(20, 2 * SECOND));

        List<SubtitleCue> cues = SegmentCaptions.of(0, 4 * SECOND, null, transcript, marks);

        assertThat(cues).hasSize(1);
        assertThat(cues.get(0).startByte()).isZero();
        // the second word starts at character 10 of 20: at 1 s
        List<SubtitleCue> split = SegmentCaptions.of(
                0,
                4 * SECOND,
                null,
                "The keepers worked in shifts all night long. Then a new day began.",
                List.of(new TranscriptMark(0, 0), new TranscriptMark(45, 3 * SECOND)));
        assertThat(split).extracting(SubtitleCue::startByte).containsExactly(0L, 3 * SECOND);
    }

    @Test
    void withoutMarksThatCoverTheAudioTheWordsAreSpreadOverItByTheirCharacters() {
        String transcript = "The keepers worked in shifts all night long. Then a new day began on the rocks.";
        // every delta arrived in the first tenth of the audio: the transcript ran far ahead of it
        List<TranscriptMark> early = List.of(new TranscriptMark(0, 0), new TranscriptMark(45, SECOND / 10));

        List<SubtitleCue> spread = SegmentCaptions.of(0, 8 * SECOND, null, transcript, early);
        List<SubtitleCue> none = SegmentCaptions.of(0, 8 * SECOND, null, transcript, List.of());

        assertThat(spread).isEqualTo(none);
        assertThat(none.get(1).startByte()).isEqualTo(8 * SECOND * 45 / transcript.length() / 2 * 2);
    }
}
