package dev.nightcast.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SegmenterTest {

    private final Segmenter segmenter = new Segmenter(250);

    @Test
    void shortParagraphsArePackedIntoOneSegment() {
        List<String> segments = segmenter.split("First paragraph here.\n\nSecond one.\n\nThird.");

        assertThat(segments).containsExactly("First paragraph here.\n\nSecond one.\n\nThird.");
    }

    @Test
    void everySegmentStaysUnderTheWordLimitAndNoWordIsLostOrCut() {
        String text = IntStream.range(0, 12).mapToObj(p -> sentences(p, 15, 9)).collect(Collectors.joining("\n\n"));

        List<String> segments = segmenter.split(text);

        assertThat(segments).hasSizeGreaterThan(4);
        assertThat(segments)
                .allSatisfy(segment -> assertThat(Segmenter.wordCount(segment)).isLessThanOrEqualTo(250));
        assertThat(words(String.join(" ", segments))).isEqualTo(words(text));
    }

    @Test
    void longParagraphsSplitAtSentenceBoundaries() {
        String paragraph = sentences(0, 60, 10);

        List<String> segments = segmenter.split(paragraph);

        assertThat(segments).hasSizeGreaterThan(1);
        assertThat(segments).allSatisfy(segment -> assertThat(segment).endsWith("."));
    }

    @Test
    void theLastPieceOfALongParagraphIsNotLeftAsATinyFragment() {
        String paragraph = sentences(0, 26, 10);

        List<String> segments = segmenter.split(paragraph);

        assertThat(segments).hasSize(2);
        assertThat(Segmenter.wordCount(segments.get(1))).isGreaterThanOrEqualTo(250 / 4);
    }

    @Test
    void aSentenceLongerThanASegmentIsCutBetweenWordsPreferablyAfterAComma() {
        String sentence = IntStream.range(0, 400)
                        .mapToObj(i -> i % 37 == 36 ? "w" + i + "," : "w" + i)
                        .collect(Collectors.joining(" "))
                + ".";

        List<String> segments = segmenter.split(sentence);

        assertThat(segments).hasSize(2);
        assertThat(segments.get(0)).endsWith(",");
        assertThat(Segmenter.wordCount(segments.get(1))).isGreaterThan(100);
        assertThat(words(String.join(" ", segments))).isEqualTo(words(sentence));
    }

    @Test
    void aFifteenHundredWordScriptComesOutWhole() {
        String text = IntStream.range(0, 10).mapToObj(p -> sentences(p, 15, 10)).collect(Collectors.joining("\n\n"));
        assertThat(Segmenter.wordCount(text)).isEqualTo(1500);

        List<String> segments = segmenter.split(text);

        assertThat(segments.stream().mapToInt(Segmenter::wordCount).sum()).isEqualTo(1500);
        assertThat(segments).hasSize(10);
    }

    @Test
    void aShortLastParagraphJoinsItsNeighbourInsteadOfStandingAlone() {
        String text = sentences(0, 23, 10) + "\n\n" + sentences(1, 4, 10);

        List<Segmenter.Piece> pieces = segmenter.pieces(text);

        assertThat(pieces).hasSize(2);
        assertThat(pieces)
                .allSatisfy(
                        piece -> assertThat(Segmenter.wordCount(piece.text())).isGreaterThanOrEqualTo(50));
        assertThat(pieces.get(1).startsParagraph())
                .as("the seam falls between two sentences")
                .isFalse();
        assertThat(pieces.get(1).text()).contains("\n\nP1s0w0");
    }

    @Test
    void paragraphsThatFitAreNeverCutAndSegmentsComeOutEven() {
        String text = IntStream.range(0, 20).mapToObj(p -> sentences(p, 3, 10)).collect(Collectors.joining("\n\n"));

        List<Segmenter.Piece> pieces = segmenter.pieces(text);

        assertThat(pieces)
                .extracting(piece -> Segmenter.wordCount(piece.text()))
                .containsExactlyInAnyOrder(210, 210, 180);
        assertThat(pieces)
                .allSatisfy(piece -> assertThat(piece.startsParagraph()).isTrue());
    }

    @Test
    void abbreviationsInitialsAndQuotedSpeechAreNotSentenceSeams() {
        assertThat(Sentences.of("Dr. Smith met Mr. Jones at 3 p.m. on St. James Street. J. R. R. Tolkien wrote it,"
                        + " e.g. the book. \"Really?\" she asked. The U.S. Army left."))
                .containsExactly(
                        "Dr. Smith met Mr. Jones at 3 p.m. on St. James Street.",
                        "J. R. R. Tolkien wrote it, e.g. the book.",
                        "\"Really?\" she asked.",
                        "The U.S. Army left.");
    }

    private static String sentences(int paragraph, int count, int wordsEach) {
        return IntStream.range(0, count)
                .mapToObj(s -> IntStream.range(0, wordsEach)
                                .mapToObj(w -> "P" + paragraph + "s" + s + "w" + w)
                                .collect(Collectors.joining(" "))
                        + ".")
                .collect(Collectors.joining(" "));
    }

    private static List<String> words(String text) {
        return List.of(text.strip().split("\\s+"));
    }
}
