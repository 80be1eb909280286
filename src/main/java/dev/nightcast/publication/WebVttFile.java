package dev.nightcast.publication;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import dev.nightcast.assembly.SubtitleCue;
import dev.nightcast.audio.PcmFormat;
import dev.nightcast.text.SafeText;

/**
 * Writes an episode's subtitles as WebVTT (W3C WebVTT, UTF-8): one numbered cue per segment, timed
 * to the millisecond from the byte offsets its audio has in the WAV, with the speaker of a dialogue
 * turn as a voice span ({@code <v HOST>}). Cue text is escaped ({@code &amp; &lt; &gt;}, so no
 * {@code -->} either), has no blank lines and no character a document may not hold (replaced by
 * U+FFFD, {@link SafeText#forDocument}), so nothing in a script can end a cue early or read as markup.
 */
final class WebVttFile {

    private WebVttFile() {}

    static void write(Path file, List<SubtitleCue> cues) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("WEBVTT\n");
            int number = 0;
            for (SubtitleCue cue : cues) {
                out.write("\n" + (++number) + "\n");
                out.write(timestamp(cue.startByte()) + " --> " + timestamp(cue.endByte()) + "\n");
                String voice = cue.speaker() == null ? "" : "<v " + escape(cue.speaker()) + ">";
                out.write(voice + String.join("\n", lines(cue.text())) + "\n");
            }
        }
    }

    /** {@code hh:mm:ss.ttt} of the audio before {@code pcmOffset}, rounded down to the millisecond. */
    static String timestamp(long pcmOffset) {
        long millis = pcmOffset * 1000 / PcmFormat.BYTE_RATE;
        return String.format(
                Locale.ROOT,
                "%02d:%02d:%02d.%03d",
                millis / 3_600_000,
                millis / 60_000 % 60,
                millis / 1000 % 60,
                millis % 1000);
    }

    private static List<String> lines(String text) {
        return text.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .map(WebVttFile::escape)
                .toList();
    }

    private static String escape(String text) {
        return SafeText.forDocument(text)
                .replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;");
    }
}
