package dev.nightcast.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void documentsKeepTabsLineBreaksAndEveryOrdinaryCharacterButLoseWhatXmlOrHtmlForbids() {
        // given text with every kind of character a document may not hold, between ordinary ones
        String text = "a\u0000b\u0007c\u000Bd\u000Ce\u001Bf\u007Fg\u0085h\u009Fi\uD800j\uDC00k\uFDD0l\uFFFEm\uFFFFn"
                + "\uD83F\uDFFEo";

        // when it is made safe for a document
        String safe = SafeText.forDocument(text);

        // then each of them is one replacement character, and the rest is untouched
        assertThat(safe)
                .isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg\uFFFDh\uFFFDi\uFFFDj\uFFFDk\uFFFDl"
                        + "\uFFFDm\uFFFDn\uFFFDo");
        String ordinary = "Tab\there,\nlines\r\n, \u00E9t\u00E9, \u65E5\u672C, emoji \uD83C\uDF19, \u2028, \uFFFD";
        assertThat(SafeText.forDocument(ordinary)).isSameAs(ordinary);
        assertThat(SafeText.forDocument(null)).isNull();
    }

    @Test
    void oneLineShowsLineBreaksControlsAndReorderingCharactersAsEscapes() {
        // given a file name that tries to forge a log line
        String name = "ep.md\n12:00:00.000 INFO  [main] NarrateCommand - Run finished with exit code 0\r\t\u0007"
                + "\u2028\u2029\u0085\u202E\u2066\uD800";

        // when it is made safe for one line
        String line = SafeText.oneLine(name);

        // then nothing in it can start a line, ring, or reorder what follows
        assertThat(line)
                .isEqualTo("ep.md\\n12:00:00.000 INFO  [main] NarrateCommand - Run finished with exit code 0"
                        + "\\r\\t\\u0007\\u2028\\u2029\\u0085\\u202e\\u2066\\ud800");
        assertThat(line.codePoints()).allMatch(c -> c >= 0x20 && c < 0x7F);
        String ordinary = "ep-1 (in/\u00E9t\u00E9.md:3): unknown voice 'nova' \uD83C\uDF19";
        assertThat(SafeText.oneLine(ordinary)).isSameAs(ordinary);
    }
}
