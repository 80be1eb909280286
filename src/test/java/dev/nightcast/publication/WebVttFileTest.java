package dev.nightcast.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.nightcast.assembly.SubtitleCue;
import dev.nightcast.support.WebVttParser;

/** Subtitles as a strict WebVTT reader sees them. */
class WebVttFileTest {

    @TempDir
    Path dir;

    @Test
    void cuesAreTimedFromTheAudioOffsetsAndSpeakersAreVoiceSpans() throws Exception {
        Path file = dir.resolve("talk.vtt");
        WebVttFile.write(
                file,
                List.of(
                        new SubtitleCue(0, 96_000, "HOST", "Welcome back.\n\nIt is late."),
                        new SubtitleCue(120_000, 48_000L * 3_725 + 24, "GUEST", "Fish & chips <3 --> later"),
                        new SubtitleCue(48_000L * 3_726, 48_000L * 3_727, null, "The end.")));

        List<WebVttParser.Cue> cues = WebVttParser.parse(Files.readString(file));

        assertThat(cues)
                .containsExactly(
                        new WebVttParser.Cue("1", 0, 2_000, "HOST", "Welcome back.\nIt is late."),
                        new WebVttParser.Cue("2", 2_500, 3_725_000, "GUEST", "Fish & chips <3 --> later"),
                        new WebVttParser.Cue("3", 3_726_000, 3_727_000, null, "The end."));
        assertThat(Files.readString(file))
                .startsWith("WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.000\n<v HOST>Welcome")
                .contains("01:02:06.000 --> 01:02:07.000");
    }

    @Test
    void theStrictReaderRejectsWhatThePlayersWouldSilentlyFix() {
        assertThatThrownBy(() -> WebVttParser.parse("WEBVTT\n\n00:00:01.000 --> 00:00:01.000\nx\n"))
                .hasMessageContaining("ends at or before its start");
        assertThatThrownBy(() -> WebVttParser.parse(
                        "WEBVTT\n\n00:00:02.000 --> 00:00:03.000\nx\n\n" + "00:00:01.000 --> 00:00:04.000\ny\n"))
                .hasMessageContaining("backwards");
        assertThatThrownBy(() -> WebVttParser.parse("WEBVTT\n\n00:00:01.00 --> 00:00:02.000\nx\n"))
                .hasMessageContaining("malformed cue timing");
        assertThatThrownBy(() -> WebVttParser.parse("WEBVTT\n\n00:61:00.000 --> 01:02:00.000\nx\n"))
                .hasMessageContaining("malformed cue timing");
        assertThatThrownBy(() -> WebVttParser.parse("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA & B\n"))
                .hasMessageContaining("raw '&'");
        assertThatThrownBy(() -> WebVttParser.parse("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n1 < 2\n"))
                .hasMessageContaining("raw '<'");
        assertThatThrownBy(() -> WebVttParser.parse("1\n00:00:01.000 --> 00:00:02.000\nx\n"))
                .hasMessageContaining("WEBVTT signature");
    }

    @Test
    void cueTextWithControlCharactersArrowsAndBlankLinesStaysInsideItsCue() throws Exception {
        // given cue text with a bell, an arrow, blank lines, a lone surrogate and a noncharacter
        Path file = dir.resolve("hostile.vtt");
        List<SubtitleCue> cues = List.of(
                new SubtitleCue(0, 48_000, "HOST\u0007", "Ring\u0007 --> 00:00:09.000 --> x\n\n\n\n2\n00:00:05.000"),
                new SubtitleCue(48_000, 96_000, null, "lone \uD800 and \uFFFF\u000C end"));

        // when the subtitles are written
        WebVttFile.write(file, cues);

        // then a strict reader finds exactly the two cues, with replacement characters where they were
        String content = Files.readString(file);
        assertThat(WebVttParser.parse(content))
                .containsExactly(
                        new WebVttParser.Cue(
                                "1", 0, 1_000, "HOST\uFFFD", "Ring\uFFFD --> 00:00:09.000 --> x\n2\n00:00:05.000"),
                        new WebVttParser.Cue("2", 1_000, 2_000, null, "lone \uFFFD and \uFFFD\uFFFD end"));
        assertThat(content.chars()).allMatch(c -> c >= 0x20 && c != 0xFFFF || c == '\n');
    }
}
