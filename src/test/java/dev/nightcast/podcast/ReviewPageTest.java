package dev.nightcast.podcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.nightcast.audio.Loudness;
import dev.nightcast.podcast.CatalogEntry.Status;
import dev.nightcast.support.StrictHtml;

class ReviewPageTest {

    @Test
    void everyEntryIsListedWithItsStatusAndTextFromTheInputIsEscaped() {
        String html = ReviewPage.render(List.of(
                new CatalogEntry("ep-1", "Tom & <Jerry>", Status.NARRATED, "in.csv:2", 83_400, "ep-1.wav",
                        "ep-1.mp3", 9, "First paragraph.\n\nSecond <script>alert(1)</script>.", null,
                        Instant.EPOCH, "abc", "ep-1.vtt", "ep-1.chapters.json", null),
                new CatalogEntry("ep-2", "Two", Status.FAILED, "in.csv:3", 0, null, null, 0, null,
                        "segment 1 failed: \"quota\"", null, null, null, null, null),
                new CatalogEntry("(no id)", "(no id)", Status.INVALID, "in.csv:4", 0, null, null, 0, null,
                        "the episode id is missing", null, null, null, null, null),
                new CatalogEntry("ep-4", "Four", Status.PENDING, "in.csv:5", 0, null, null, 0, null, null, null,
                        null, null, null, null)),
                Instant.parse("2026-03-02T05:00:00Z"));

        assertThat(html).contains("4 episodes: 1 narrated, 1 failed, 1 invalid, 1 not narrated yet.")
                .contains("<h2>Tom &amp; &lt;Jerry&gt;</h2>")
                .contains("<source src=\"ep-1.mp3\" type=\"audio/mpeg\"><source src=\"ep-1.wav\" type=\"audio/wav\">"
                        + "<track kind=\"captions\" label=\"Captions\" src=\"ep-1.vtt\"></audio>")
                .contains("<span class=\"duration\">1:23</span>")
                .contains("<details><summary>Transcript</summary>\n<p>First paragraph.</p>\n"
                        + "<p>Second &lt;script&gt;alert(1)&lt;/script&gt;.</p>")
                .contains("<p class=\"reason\">segment 1 failed: &quot;quota&quot;</p>")
                .doesNotContain("<script")
                .doesNotContain("http://").doesNotContain("https://");
        assertThat(html.split("<audio", -1)).hasSize(2);
    }

    @Test
    void aNarratedEpisodeShowsItsLoudnessTruePeakAndRangeAndOneMeasuredBeforeShowsNone() throws Exception {
        String html = ReviewPage.render(List.of(
                new CatalogEntry("ep-1", "One", Status.NARRATED, "in.csv:2", 60_000, "ep-1.wav", null, 0, null, null,
                        Instant.EPOCH, "abc", null, null, new Loudness(-16.04, -1.26, 4.32)),
                new CatalogEntry("ep-2", "Two", Status.NARRATED, "in.csv:3", 60_000, "ep-2.wav", null, 0, null, null,
                        Instant.EPOCH, "def")),
                Instant.EPOCH);

        assertThat(html).contains("<span class=\"loudness\" title=\"Integrated loudness (EBU R128), true peak,"
                + " loudness range\">-16.0 LUFS, peak -1.3 dBTP, LRA 4.3 LU</span>");
        assertThat(html.split("class=\"loudness\"", -1)).hasSize(2);
        assertThat(StrictHtml.parseErrors(html)).isEmpty();
    }

    @Test
    void charactersTheInputShouldNeverHaveHoldLeaveThePageFreeOfParseErrors() throws Exception {
        // given entries whose title, source, transcript and reason hold control characters, a
        // noncharacter and a lone surrogate
        List<CatalogEntry> entries = List.of(
                new CatalogEntry("ep-1", "Night\u0007 Shift\u000B", Status.NARRATED, "in\u0000.csv:2", 1_000,
                        "ep-1.wav", null, 0, "Para\u0008graph \uFFFF one.\n\nTwo \uD800.", null, Instant.EPOCH,
                        "abc", null, null, null),
                new CatalogEntry("ep-2", "Two", Status.FAILED, "in.csv:3", 0, null, null, 0, null,
                        "bad \u001B[31m escape \u0085", null, null, null, null, null));

        // when the page is rendered
        String html = ReviewPage.render(entries, Instant.parse("2026-03-02T05:00:00Z"));

        // then an HTML5 parser reports no error, and what was there shows as a replacement character
        assertThat(StrictHtml.parseErrors(html)).isEmpty();
        assertThat(html).contains("<h2>Night\uFFFD Shift\uFFFD</h2>").contains("Two \uFFFD.");
    }

    @Test
    void aPageNightcastDidNotMakeIsNeverReplacedAndItsOwnIs(@TempDir Path dir) throws Exception {
        // given someone's index.html in the output folder
        Path foreign = Files.writeString(dir.resolve("index.html"), "<!DOCTYPE html><title>My site</title>");

        // when the review page is written there, then it is refused naming the file, which stays as it was
        assertThatThrownBy(() -> ReviewPage.write(dir, List.of(), Instant.EPOCH))
                .isInstanceOf(IOException.class).hasMessageContaining(foreign.toString())
                .hasMessageContaining("not made by Nightcast");
        assertThat(Files.readString(foreign)).isEqualTo("<!DOCTYPE html><title>My site</title>");

        // and once it is gone, Nightcast's own page is replaced by the next one
        Files.delete(foreign);
        ReviewPage.write(dir, List.of(), Instant.EPOCH);
        ReviewPage.write(dir, List.of(new CatalogEntry("ep-9", "Nine", Status.PENDING, "in.csv:9", 0, null, null, 0,
                null, null, null, null, null, null, null)), Instant.EPOCH);
        assertThat(Files.readString(foreign)).contains("Nine");
    }
}
