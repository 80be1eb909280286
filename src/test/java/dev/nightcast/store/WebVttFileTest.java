package dev.nightcast.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.nightcast.narration.SubtitleCue;
import dev.nightcast.support.WebVttParser;

/** Subtitles as a strict WebVTT reader sees them. */
class WebVttFileTest {

    @TempDir
    Path dir;

    @Test
    void cuesAreTimedFromTheAudioOffsetsAndSpeakersAreVoiceSpans() throws Exception {
        Path file = dir.resolve("talk.vtt");
        WebVttFile.write(file, List.of(
                new SubtitleCue(0, 96_000, "HOST", "Welcome back.\n\nIt is late."),
                new SubtitleCue(120_000, 48_000L * 3_725 + 24, "GUEST", "Fish & chips <3 --> later"),
                new SubtitleCue(48_000L * 3_726, 48_000L * 3_727, null, "The end.")));

        List<WebVttParser.Cue> cues = WebVttParser.parse(Files.readString(file));

        assertThat(cues).containsExactly(
                new WebVttParser.Cue("1", 0, 2_000, "HOST", "Welcome back.\nIt is late."),
                new WebVttParser.Cue("2", 2_500, 3_725_000, "GUEST", "Fish & chips <3 --> later"),
                new WebVttParser.Cue("3", 3_726_000, 3_727_000, null, "The end."));
        assertThat(Files.readString(file)).startsWith("WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.000\n<v HOST>Welcome")
                .contains("01:02:06.000 --> 01:02:07.000");
    }

    @Test
    void theStrictReaderRejectsWhatThePlayersWouldSilentlyFix() {
        assertThatThrownBy(() -> WebVttParser.parse("WEBVTT\n\n00:00:01.000 --> 00:00:01.000\nx\n"))
                .hasMessageContaining("ends at or before its start");
        assertThatThrownBy(() -> WebVttParser.parse("WEBVTT\n\n00:00:02.000 --> 00:00:03.000\nx\n\n"
                + "00:00:01.000 --> 00:00:04.000\ny\n")).hasMessageContaining("backwards");
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
}
