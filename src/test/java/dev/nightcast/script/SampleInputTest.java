package dev.nightcast.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The sample input that ships with the product (and that the demo job narrates) must load cleanly. */
class SampleInputTest {

    // Surefire runs tests in the project folder, where input/ lives.
    private final List<ScriptEntry> entries = new ScriptLoader(new ScriptDefaults("marin", "", null)).load("input");

    private EpisodeScript episode(String id) {
        return entries.stream()
                .filter(e -> e.id().equals(id))
                .map(EpisodeScript.class::cast)
                .findFirst()
                .orElseThrow();
    }

    private static int words(String text) {
        return text.split("\\s+").length;
    }

    @Test
    void theSampleFolderLoadsSixValidEpisodesInFileNameOrder() {
        assertThat(entries).allMatch(EpisodeScript.class::isInstance);
        assertThat(entries)
                .extracting(ScriptEntry::id)
                .containsExactly(
                        "ep004-the-lighthouse-keepers",
                        "ep005-how-this-show-is-made",
                        "ep006-night-shift-talk",
                        "ep001-welcome",
                        "ep002-the-night-bakers",
                        "ep003-the-sound-of-snow");
    }

    @Test
    void theTwoHostEpisodeHasTurnsInTwoVoicesAndItsHeadingsInTheNarratorsVoice() {
        EpisodeScript talk = episode("ep006-night-shift-talk");

        assertThat(talk.speakers())
                .containsExactly(java.util.Map.entry("HOST", "alloy"), java.util.Map.entry("GUEST", "verse"));
        assertThat(talk.passages())
                .extracting(Passage::speaker)
                .containsExactly(null, "HOST", "GUEST", "HOST", "GUEST", null, "HOST", "GUEST", "HOST");
        assertThat(talk.passages().get(4).text())
                .isEqualTo("How busy it is. Nurses, bakers, cleaners, students who"
                        + " missed the last train. At three in the morning the bus is a small town on wheels.\n\nAnd everybody"
                        + " says good night when they get off. Every single time.");
        assertThat(talk.passages().get(5))
                .extracting(Passage::voice, Passage::opensSection)
                .containsExactly("cedar", true);
    }

    @Test
    void theCsvEpisodesKeepTheirQuotingAndReadTheScriptFile() {
        assertThat(episode("ep001-welcome").text()).contains("\"Nothing interesting happens before ten o'clock,\"");
        // Rows start on lines 2, 7 and 12: the quoted scripts span several lines each.
        assertThat(episode("ep002-the-night-bakers").source())
                .isEqualTo(new SourceLocation(Path.of("input/episodes.csv"), 7));
        assertThat(episode("ep003-the-sound-of-snow").source())
                .isEqualTo(new SourceLocation(Path.of("input/episodes.csv"), 12));
        assertThat(episode("ep003-the-sound-of-snow").text())
                .startsWith("Have you ever noticed")
                .contains("\n\n");
        assertThat(List.of("ep001-welcome", "ep002-the-night-bakers", "ep003-the-sound-of-snow"))
                .allSatisfy(id -> assertThat(words(episode(id).text())).isBetween(60, 200));
    }

    @Test
    void theLongMarkdownEpisodeNeedsSeveralSegments() {
        EpisodeScript lighthouse = episode("ep004-the-lighthouse-keepers");

        assertThat(words(lighthouse.text())).isBetween(600, 720);
        assertThat(lighthouse.text().split("\n\n")).hasSizeGreaterThan(8);
        assertThat(lighthouse.voice()).isEqualTo("cedar");
        assertThat(lighthouse.text()).doesNotContain("https", "**", "](");
    }

    @Test
    void theCodeBlockInTheMarkdownEpisodeIsNotRead() {
        EpisodeScript making = episode("ep005-how-this-show-is-made");

        assertThat(making.text()).doesNotContain("java -jar", "```", "https").contains("project notes");
        assertThat(making.voice()).isEqualTo("alloy");
        assertThat(making.title()).isEqualTo("How This Show Is Made");
    }
}
