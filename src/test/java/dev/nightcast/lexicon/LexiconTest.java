package dev.nightcast.lexicon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LexiconTest {

    private static final LexiconEntry NGUYEN = new LexiconEntry("Nguyen", "Win", "a.pls:3");
    private static final LexiconEntry SAINT_LOUIS = new LexiconEntry("Saint Louis", "Saint Lewis", "a.pls:9");
    private static final LexiconEntry SAINT = new LexiconEntry("Saint", "Sane", "a.pls:12");
    private static final Lexicon LEXICON = Lexicon.of(List.of(NGUYEN, SAINT_LOUIS, SAINT));

    @Test
    void rewritesWholeWordsCaseSensitively() {
        Spoken spoken = LEXICON.speak("Dr. Nguyen's team met nguyen and Nguyenville in NGUYEN.");

        assertThat(spoken.text()).isEqualTo("Dr. Win's team met nguyen and Nguyenville in NGUYEN.");
        assertThat(spoken.applied()).containsExactly(NGUYEN);
    }

    @Test
    void theLongestGraphemeWinsAndWhitespaceIsNormalised() {
        Spoken spoken = LEXICON.speak("From Saint\n  Louis to Saint Paul.");

        assertThat(spoken.text()).isEqualTo("From Saint Lewis to Sane Paul.");
        assertThat(spoken.applied()).containsExactly(SAINT_LOUIS, SAINT);
    }

    @Test
    void aTextNoEntryTouchesIsSentAsWrittenWithNothingApplied() {
        Spoken spoken = LEXICON.speak("Nothing to see here.");

        assertThat(spoken.text()).isEqualTo("Nothing to see here.");
        assertThat(spoken.applied()).isEmpty();
        assertThat(Lexicon.identity(spoken.applied())).isEmpty();
    }

    @Test
    void theTranscriptShowsTheWrittenFormsAndMapsPositions() {
        Written written = Lexicon.written("Dr. win's team. Saint-lewis!", List.of(NGUYEN, SAINT_LOUIS));

        assertThat(written.text()).isEqualTo("Dr. Nguyen's team. Saint Louis!");
        // "team" starts at 10 in the spoken transcript and at 13 in the written one
        assertThat(written.position(10)).isEqualTo(13);
        assertThat(written.position(4)).isEqualTo(4);
        assertThat(written.position(28)).isEqualTo(written.text().length());
    }

    @Test
    void laterLexiconsOverrideEarlierOnes() {
        Lexicon override = LEXICON.then(Lexicon.of(List.of(new LexiconEntry("Nguyen", "Nwen", "b.csv:2"))));

        assertThat(override.speak("Nguyen").text()).isEqualTo("Nwen");
        assertThat(LEXICON.speak("Nguyen").text()).isEqualTo("Win");
    }

    @Test
    void theIdentityIgnoresOrderAndWhereAnEntryWasDefined() {
        assertThat(Lexicon.identity(List.of(NGUYEN, SAINT)))
                .isEqualTo(Lexicon.identity(List.of(SAINT, new LexiconEntry("Nguyen", "Win", "other.csv:1"))))
                .isNotEqualTo(Lexicon.identity(List.of(SAINT, new LexiconEntry("Nguyen", "Nwen", "a.pls:3"))));
    }
}
