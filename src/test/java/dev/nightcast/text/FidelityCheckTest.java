package dev.nightcast.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What counts as reading a segment faithfully. */
class FidelityCheckTest {

    private static final long ONE_SECOND = 48_000;
    private final FidelityCheck check = new FidelityCheck(new FidelityLimits(0.1, 0, 3, 1.0, 6.0, 8));

    /** Audio as long as a natural reading of {@code text}: 2.5 words per second. */
    private static long natural(String text) {
        return (long) (Segmenter.wordCount(text) / 2.5 * ONE_SECOND);
    }

    private FidelityCheck.Verdict read(String text, String transcript) {
        return check.check(text, transcript, natural(text), 1.0);
    }

    @Test
    void anExactReadingPassesWithNoErrors() {
        String text = "Welcome to episode twelve. Today we ask why cats purr, and what it means.";

        FidelityCheck.Verdict verdict = read(text, text);

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.wordErrorRate()).isZero();
        assertThat(verdict.referenceWords()).isEqualTo(14);
    }

    @Test
    void caseAndPunctuationNumbersSymbolsAndAbbreviationsAreNotErrors() {
        String text = "On May 3rd, 1990, Dr. Lee paid $1,250 for 50% of the St. Ives shop, e.g. the bakery & café at"
                + " No. 3.5 — it's true!";
        String transcript =
                "on may third nineteen ninety doctor lee paid one thousand two hundred and fifty dollars for"
                        + " fifty percent of the saint ives shop for example the bakery and cafe at no three point five its"
                        + " true";

        FidelityCheck.Verdict verdict = read(text, transcript);

        assertThat(verdict.errors()).as("only café/cafe differ").isEqualTo(1);
        assertThat(verdict.passed()).isTrue();
    }

    @Test
    void aPreambleFailsEvenWhenTheErrorRateIsLow() {
        String text = String.join(" ", java.util.Collections.nCopies(20, "The keeper climbed the tower at dusk."));

        FidelityCheck.Verdict verdict = read(text, "Sure, here is the narration: " + text);

        assertThat(verdict.wordErrorRate()).isLessThan(0.1);
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.problem())
                .isEqualTo("5 extra word(s) before the first word of the text" + " ('sure here is the narration')");
    }

    @Test
    void aSignOffFailsToo() {
        String text = "Count the seconds between the flashes. Good night.";

        FidelityCheck.Verdict verdict = read(text, text + " I hope you enjoyed this story!");

        assertThat(verdict.problem())
                .endsWith("; 6 extra word(s) after the last word of the text" + " ('i hope you enjoyed this story')");
    }

    @Test
    void aNumberReadAnotherWayAtTheStartIsNotAPreamble() {
        String text = "2024 was the year the last keeper left the island for good, and the light ran on its own"
                + " from then on, night after night.";

        FidelityCheck.Verdict verdict = read(
                text,
                "Two thousand twenty four was the year the last keeper left the"
                        + " island for good, and the light ran on its own from then on, night after night.");

        assertThat(verdict.problem()).isNull();
        assertThat(verdict.errors()).isEqualTo(2);
    }

    @Test
    void aParaphraseAboveTheThresholdFailsWithItsRate() {
        String text = "One two three four five six seven eight nine ten.";

        FidelityCheck.Verdict verdict = read(text, "One two basically four five basically seven eight basically ten.");

        assertThat(verdict.wordErrorRate()).isEqualTo(0.3);
        assertThat(verdict.problem()).isEqualTo("word error rate 0.30 is above 0.10");
    }

    @Test
    void anAnswerInsteadOfAReadingFails() {
        String text = "Why do cats purr? Nobody is quite sure, but there are several theories.";

        FidelityCheck.Verdict verdict =
                read(text, "Cats purr when they are content, and sometimes when they are" + " stressed.");

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.wordErrorRate()).isGreaterThan(0.5);
    }

    @Test
    void aSpeechRateFarOutsideNaturalReadingIsSuspiciousScaledBySpeed() {
        String text = "One two three four five six seven eight nine ten.";

        assertThat(check.check(text, text, 20 * ONE_SECOND, 1.0).problem())
                .isEqualTo("speech rate 0.5 words/s is far outside 1.0-6.0");
        assertThat(check.check(text, text, ONE_SECOND, 1.0).problem()).contains("10.0 words/s");
        assertThat(check.check(text, text, 20 * ONE_SECOND, 0.5).passed()).isTrue();
        assertThat(check.check("Yes.", "Yes.", 20 * ONE_SECOND, 1.0).passed())
                .as("too short to judge")
                .isTrue();
    }
}
