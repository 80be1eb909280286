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
        String html = ReviewPage.render(
                List.of(
                        new CatalogEntry(
                                "ep-1",
                                "Tom & <Jerry>",
                                Status.NARRATED,
                                "in.csv:2",
                                83_400,
                                "ep-1.wav",
                                "ep-1.mp3",
                                9,
                                "First paragraph.\n\nSecond <script>alert(1)</script>.",
                                null,
                                Instant.EPOCH,
                                "abc",
                                "ep-1.vtt",
                                "ep-1.chapters.json",
                                null),
                        new CatalogEntry(
                                "ep-2",
                                "Two",
                                Status.FAILED,
                                "in.csv:3",
                                0,
                                null,
                                null,
                                0,
                                null,
                                "segment 1 failed: \"quota\"",
                                null,
                                null,
                                null,
                                null,
                                null),
                        new CatalogEntry(
                                "(no id)",
                                "(no id)",
                                Status.INVALID,
                                "in.csv:4",
                                0,
                                null,
                                null,
                                0,
                                null,
                                "the episode id is missing",
                                null,
                                null,
                                null,
                                null,
                                null),
                        new CatalogEntry(
                                "ep-4",
                                "Four",
                                Status.PENDING,
                                "in.csv:5",
                                0,
                                null,
                                null,
                                0,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null)),
                Instant.parse("2026-03-02T05:00:00Z"));

        assertThat(html)
                .contains("4 episodes: 1 narrated, 1 failed, 1 invalid, 1 not narrated yet.")
                .contains("<h2>Tom &amp; &lt;Jerry&gt;</h2>")
                .contains("<source src=\"ep-1.mp3\" type=\"audio/mpeg\"><source src=\"ep-1.wav\" type=\"audio/wav\">"
                        + "<track kind=\"captions\" label=\"Captions\" src=\"ep-1.vtt\"></audio>")
                .contains("<span class=\"duration\">1:23</span>")
                .contains("<details><summary>Transcript</summary>\n<p>First paragraph.</p>\n"
                        + "<p>Second &lt;script&gt;alert(1)&lt;/script&gt;.</p>")
                .contains("<p class=\"reason\">segment 1 failed: &quot;quota&quot;</p>")
                .contains(
                        "<p class=\"downloads\">Download: <a href=\"ep-1.mp3\" download>MP3</a> · <a href=\"ep-1.wav\""
                                + " download>WAV</a> · <a href=\"ep-1.vtt\" download>Captions (WebVTT)</a> · <a"
                                + " href=\"ep-1.chapters.json\" download>Chapters (JSON)</a></p>")
                .doesNotContain("<script")
                .doesNotContain("http://")
                .doesNotContain("https://");
        assertThat(html.split("<audio", -1)).hasSize(2);
    }

    @Test
    void whatNeedsAttentionComesFirstWithItsReasonOnOneShortLineThenTheNewestEpisodes() throws Exception {
        // given, in input order: an old and a new episode, one not narrated, a failure with a long
        // reason over several lines, and an invalid entry
        String longReason =
                "segment 3 failed after 4 attempts: server_error\n" + "detail ".repeat(60) + "the cause at the end";
        List<CatalogEntry> entries = List.of(
                narrated("old", Instant.parse("2026-01-01T00:00:00Z")),
                narrated("new", Instant.parse("2026-03-01T00:00:00Z")),
                new CatalogEntry(
                        "later", "Later", Status.PENDING, "in.csv:4", 0, null, null, 0, null, null, null, null),
                new CatalogEntry(
                        "broke", "Broke", Status.FAILED, "in.csv:5", 0, null, null, 0, null, longReason, null, null),
                new CatalogEntry(
                        "bad", "Bad", Status.INVALID, "in.csv:6", 0, null, null, 0, null, "unknown voice", null, null));

        // when the page is rendered after a run stopped at its budget
        String html = ReviewPage.render(
                entries,
                new LastRun(
                        7,
                        "STOPPED",
                        "max-cost $1.00 reached: spent $0.98;"
                                + " left 1 episode that would pass it: later (about $0.30)",
                        Instant.EPOCH),
                Instant.EPOCH);

        // then the banner says why, failures come first, then the newest, and the reason is one short line
        assertThat(html)
                .contains("<div class=\"banner\" role=\"alert\"><strong>The last run stopped early.</strong>"
                        + " Execution 7 (STOPPED, ended ")
                .contains("left 1 episode that would pass it: later (about $0.30)");
        assertThat(html.indexOf("id=\"episode-broke\"")).isLessThan(html.indexOf("id=\"episode-bad\""));
        assertThat(html.indexOf("id=\"episode-bad\"")).isLessThan(html.indexOf("id=\"episode-new\""));
        assertThat(html.indexOf("id=\"episode-new\"")).isLessThan(html.indexOf("id=\"episode-old\""));
        assertThat(html.indexOf("id=\"episode-old\"")).isLessThan(html.indexOf("id=\"episode-later\""));
        assertThat(html)
                .contains("<p class=\"reason\">segment 3 failed after 4 attempts: server_error\\ndetail ")
                .containsPattern("<p class=\"reason\">[^<]{100} \u2026 [^<]{50}the cause at the end</p>")
                .contains("<details class=\"reason-full\"><summary>Whole reason</summary>")
                .contains("<time class=\"date\" datetime=\"2026-03-01T00:00:00Z\">2026-03-01</time>");
        assertThat(StrictHtml.parseErrors(html)).isEmpty();
        // and a run that completed shows no banner
        assertThat(ReviewPage.render(entries, new LastRun(8, "COMPLETED", null, Instant.EPOCH), Instant.EPOCH))
                .doesNotContain("class=\"banner\"");
    }

    private static CatalogEntry narrated(String id, Instant at) {
        return new CatalogEntry(
                id, id, Status.NARRATED, "in.csv:2", 60_000, id + ".wav", id + ".mp3", 9, null, null, at, "abc");
    }

    @Test
    void aNarratedEpisodeShowsItsLoudnessTruePeakAndRangeAndOneMeasuredBeforeShowsNone() throws Exception {
        String html = ReviewPage.render(
                List.of(
                        new CatalogEntry(
                                "ep-1",
                                "One",
                                Status.NARRATED,
                                "in.csv:2",
                                60_000,
                                "ep-1.wav",
                                null,
                                0,
                                null,
                                null,
                                Instant.EPOCH,
                                "abc",
                                null,
                                null,
                                new Loudness(-16.04, -1.26, 4.32)),
                        new CatalogEntry(
                                "ep-2",
                                "Two",
                                Status.NARRATED,
                                "in.csv:3",
                                60_000,
                                "ep-2.wav",
                                null,
                                0,
                                null,
                                null,
                                Instant.EPOCH,
                                "def")),
                Instant.EPOCH);

        assertThat(html)
                .contains("<span class=\"loudness\" title=\"Integrated loudness (EBU R128), true peak,"
                        + " loudness range\">-16.0 LUFS, peak -1.3 dBTP, LRA 4.3 LU</span>");
        assertThat(html.split("class=\"loudness\"", -1)).hasSize(2);
        assertThat(StrictHtml.parseErrors(html)).isEmpty();
    }

    @Test
    void charactersTheInputShouldNeverHaveHoldLeaveThePageFreeOfParseErrors() throws Exception {
        // given entries whose title, source, transcript and reason hold control characters, a
        // noncharacter and a lone surrogate
        List<CatalogEntry> entries = List.of(
                new CatalogEntry(
                        "ep-1",
                        "Night\u0007 Shift\u000B",
                        Status.NARRATED,
                        "in\u0000.csv:2",
                        1_000,
                        "ep-1.wav",
                        null,
                        0,
                        "Para\u0008graph \uFFFF one.\n\nTwo \uD800.",
                        null,
                        Instant.EPOCH,
                        "abc",
                        null,
                        null,
                        null),
                new CatalogEntry(
                        "ep-2",
                        "Two",
                        Status.FAILED,
                        "in.csv:3",
                        0,
                        null,
                        null,
                        0,
                        null,
                        "bad \u001B[31m escape \u0085",
                        null,
                        null,
                        null,
                        null,
                        null));

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
                .isInstanceOf(IOException.class)
                .hasMessageContaining(foreign.toString())
                .hasMessageContaining("not made by Nightcast");
        assertThat(Files.readString(foreign)).isEqualTo("<!DOCTYPE html><title>My site</title>");

        // and once it is gone, Nightcast's own page is replaced by the next one
        Files.delete(foreign);
        ReviewPage.write(dir, List.of(), Instant.EPOCH);
        ReviewPage.write(
                dir,
                List.of(new CatalogEntry(
                        "ep-9",
                        "Nine",
                        Status.PENDING,
                        "in.csv:9",
                        0,
                        null,
                        null,
                        0,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null)),
                Instant.EPOCH);
        assertThat(Files.readString(foreign)).contains("Nine");
    }
}
