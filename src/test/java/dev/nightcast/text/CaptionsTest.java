package dev.nightcast.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CaptionsTest {

    private static final long SECOND = 1_000;
    private static final long SEVEN_SECONDS = 7 * SECOND;

    @Test
    void everyCueHasAtMostTwoLinesOfAtMost42CharactersAndTheWordsInOrder() {
        String text = "For most of the last two centuries, the lights along our coasts did not run themselves. Every"
                + " evening, in all weather, somebody climbed a spiral staircase, trimmed a wick or wound a clockwork"
                + " motor, and made sure that ships far out at sea could see where the rocks were.";
        List<Captions.TimedWord> words = evenly(text, 300);

        List<Captions.Cue> cues = Captions.of(words, words.size() * 300L, SEVEN_SECONDS);

        assertThat(cues).allSatisfy(cue -> {
            assertThat(cue.lines()).hasSizeBetween(1, 2);
            assertThat(cue.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(42));
        });
        assertThat(String.join(
                        " ", cues.stream().flatMap(cue -> cue.lines().stream()).toList()))
                .isEqualTo(text);
        assertThat(cues).hasSizeGreaterThan(3);
    }

    @Test
    void aCueStartsWithItsFirstWordAndLeavesWhenTheNextCueStartsOrTheAudioEnds() {
        List<Captions.TimedWord> words = evenly(
                "One two three. Four five six seven eight nine ten eleven twelve"
                        + " thirteen fourteen fifteen sixteen seventeen.",
                400);

        List<Captions.Cue> cues = Captions.of(words, 9_999, SEVEN_SECONDS);

        assertThat(cues.get(0).start()).isZero();
        for (int i = 1; i < cues.size(); i++) {
            assertThat(cues.get(i - 1).end()).isEqualTo(cues.get(i).start());
        }
        assertThat(cues.get(cues.size() - 1).end())
                .isEqualTo(Math.min(9_999, cues.get(cues.size() - 1).start() + SEVEN_SECONDS));
        int wordsBefore = 0;
        for (Captions.Cue cue : cues) {
            assertThat(cue.start()).isEqualTo(words.get(wordsBefore).start());
            wordsBefore += String.join(" ", cue.lines()).split(" ").length;
        }
    }

    @Test
    void noCueStaysOnScreenLongerThanTheLimitEvenWhenItsWordsComeSlowly() {
        List<Captions.TimedWord> words =
                evenly("Slow words come one by one with long gaps in between them all.", 2 * SECOND);

        List<Captions.Cue> cues = Captions.of(words, words.size() * 2 * SECOND, SEVEN_SECONDS);

        assertThat(cues).allSatisfy(cue -> assertThat(cue.end() - cue.start()).isLessThanOrEqualTo(SEVEN_SECONDS));
        assertThat(cues)
                .allSatisfy(cue ->
                        assertThat(String.join(" ", cue.lines()).split(" ")).hasSizeLessThanOrEqualTo(4));
    }

    @Test
    void aCueEndsWithASentenceWhenOneEndsFarEnoughIntoIt() {
        List<Captions.TimedWord> words = evenly(
                "The keepers worked in shifts all night long. Then a new day" + " began on the rocks again.", 100);

        List<Captions.Cue> cues = Captions.of(words, 2_000, SEVEN_SECONDS);

        assertThat(String.join(" ", cues.get(0).lines())).isEqualTo("The keepers worked in shifts all night long.");
    }

    @Test
    void aSentenceThatRunsPastACueIsCutEvenlyRatherThanLeavingAFewWordsBehind() {
        List<Captions.TimedWord> words = evenly(
                "Night Shift Talk. Tonight, a conversation with someone who has" + " worked nights for twenty years.",
                400);

        List<Captions.Cue> cues = Captions.of(words, words.size() * 400L, SEVEN_SECONDS);

        assertThat(cues)
                .extracting(cue -> String.join(" ", cue.lines()))
                .containsExactly(
                        "Night Shift Talk. Tonight, a conversation with",
                        "someone who has worked nights for twenty years.");
    }

    @Test
    void twoLinesAreBalancedAndAWordLongerThanALineGetsACueOfItsOwn() {
        String url = "https://example.org/a/very/long/path/that/does/not/fit/on/one/line";
        List<Captions.TimedWord> words = evenly("See the list at " + url + " for details.", 100);

        List<Captions.Cue> cues = Captions.of(words, 1_000, SEVEN_SECONDS);

        assertThat(cues)
                .extracting(Captions.Cue::lines)
                .containsExactly(List.of("See the list at"), List.of(url), List.of("for details."));
        List<String> balanced =
                Captions.lines(evenly("Thanks for having me. Owls are wonderful, and very quiet.", 100));
        assertThat(balanced).containsExactly("Thanks for having me.", "Owls are wonderful, and very quiet.");
        assertThat(Captions.lines(evenly("Their feathers have soft edges that break up the air and hush it", 100)))
                .containsExactly("Their feathers have soft edges", "that break up the air and hush it");
    }

    @Test
    void charactersAreCountedAsPeopleCountThemNotAsUtf16Units() {
        String emoji = "\uD83E\uDD89"; // an owl, two UTF-16 units
        String text = (emoji + " ").repeat(21).strip(); // 41 characters, 62 units
        assertThat(Captions.lines(evenly(text, 100))).hasSize(1);
    }

    /** The words of {@code text}, one every {@code every} time units from 0. */
    private static List<Captions.TimedWord> evenly(String text, long every) {
        List<Captions.TimedWord> words = new ArrayList<>();
        for (String word : text.split(" ")) {
            words.add(new Captions.TimedWord(word, words.size() * every));
        }
        return words;
    }
}
