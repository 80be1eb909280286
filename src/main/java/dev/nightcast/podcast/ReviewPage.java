package dev.nightcast.podcast;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.nightcast.audio.Loudness;
import dev.nightcast.podcast.CatalogEntry.Status;
import dev.nightcast.publication.MadeByNightcast;

/**
 * {@code output/index.html}: one self-contained page listing every episode of the input with its
 * status, length, loudness, an audio player, the transcript behind a toggle and the failure reason. It works
 * opened straight from disk: no server, no script, nothing fetched from elsewhere; audio sources
 * are relative names in the same folder (the MP3, with the WAV as fallback), and the player carries
 * the episode's WebVTT captions as a {@code <track>} (off until chosen).
 */
public final class ReviewPage {

    static final String FILE_NAME = "index.html";
    /** Every page Nightcast made holds this (its title) near its start; an index.html without it is never replaced. */
    public static final String MARK = "<title>Nightcast review</title>";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String LOUDNESS_TITLE = "Integrated loudness (EBU R128), true peak, loudness range";

    private ReviewPage() {
    }

    /**
     * Writes the page atomically (temporary name, then a rename) and returns its path.
     *
     * @throws MadeByNightcast.ForeignFileException when an index.html Nightcast did not make is there
     */
    public static Path write(Path output, List<CatalogEntry> entries, Instant generated) throws IOException {
        Path page = output.resolve(FILE_NAME);
        MadeByNightcast.checkReplaceable(page, MARK);
        Path part = output.resolve("." + FILE_NAME + ".part");
        Files.writeString(part, render(entries, generated), StandardCharsets.UTF_8);
        Files.move(part, page, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return page;
    }

    static String render(List<CatalogEntry> entries, Instant generated) {
        StringBuilder html = new StringBuilder(8192);
        html.append("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Nightcast review</title>
                <link rel="icon" href="data:,">
                <style>
                body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}
                h1{margin-bottom:.2rem}.summary{color:#555}
                article{border-top:1px solid #ddd;padding:1rem 0}
                h2{font-size:1.15rem;margin:0 0 .3rem}
                .meta{color:#555;font-size:.9rem;margin:.2rem 0}
                .status{font-weight:600;padding:0 .4rem;border-radius:.3rem}
                .narrated .status{background:#e3f4e1}.failed .status{background:#fbe0dd}
                .invalid .status{background:#fdf1d6}.pending .status{background:#eee}
                .reason{color:#a11;white-space:pre-wrap}
                audio{width:100%;margin:.4rem 0}
                details p{margin:.4rem 0}
                </style>
                </head>
                <body>
                <h1>Nightcast review</h1>
                """);
        html.append("<p class=\"summary\">").append(summary(entries)).append(" Page made ")
                .append(WHEN.format(generated.atZone(ZoneId.systemDefault()))).append(".</p>\n<main>\n");
        for (CatalogEntry entry : entries) {
            article(html, entry);
        }
        html.append("</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void article(StringBuilder html, CatalogEntry entry) {
        String css = entry.status().name().toLowerCase(Locale.ROOT);
        html.append("<article class=\"episode ").append(css).append("\" id=\"episode-")
                .append(Html.escape(entry.episodeId())).append("\">\n");
        html.append("<h2>").append(Html.escape(entry.title())).append("</h2>\n");
        html.append("<p class=\"meta\"><span class=\"status\">").append(entry.status().label()).append("</span>");
        if (entry.hasAudio()) {
            html.append(" · <span class=\"duration\">").append(duration(entry.durationMillis())).append("</span>");
            if (entry.loudness() != null) {
                html.append(" · <span class=\"loudness\" title=\"").append(LOUDNESS_TITLE).append("\">")
                        .append(loudness(entry.loudness())).append("</span>");
            }
        }
        html.append(" · <code>").append(Html.escape(entry.episodeId())).append("</code> · ")
                .append(Html.escape(entry.source())).append("</p>\n");
        String wav = entry.wav();
        if (wav != null) { // it has audio
            html.append("<audio controls preload=\"metadata\">");
            if (entry.mp3() != null) {
                html.append("<source src=\"").append(Html.escape(entry.mp3())).append("\" type=\"audio/mpeg\">");
            }
            html.append("<source src=\"").append(Html.escape(wav)).append("\" type=\"audio/wav\">");
            if (entry.subtitles() != null) {
                // Not "default": a browser would fetch it at once, and a page opened from disk may not
                // fetch files (Chromium refuses file: to file:, with an error in the console).
                html.append("<track kind=\"captions\" label=\"Captions\" src=\"")
                        .append(Html.escape(entry.subtitles())).append("\">");
            }
            html.append("</audio>\n");
        }
        if (entry.transcript() != null && !entry.transcript().isBlank()) {
            html.append("<details><summary>Transcript</summary>\n");
            for (String paragraph : entry.transcript().strip().split("\\n\\s*\\n")) {
                html.append("<p>").append(Html.escape(paragraph.strip())).append("</p>\n");
            }
            html.append("</details>\n");
        }
        if (entry.reason() != null) {
            html.append("<p class=\"reason\">").append(Html.escape(entry.reason())).append("</p>\n");
        }
        html.append("</article>\n");
    }

    /** "-16.0 LUFS, peak -1.2 dBTP, LRA 4.3 LU". */
    static String loudness(Loudness loudness) {
        return String.format(Locale.ROOT, "%.1f LUFS, peak %.1f dBTP, LRA %.1f LU", loudness.integratedLufs(),
                loudness.truePeakDbtp(), loudness.rangeLu());
    }

    private static String summary(List<CatalogEntry> entries) {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        entries.forEach(entry -> counts.merge(entry.status(), 1, Integer::sum));
        StringBuilder text = new StringBuilder().append(entries.size()).append(entries.size() == 1 ? " episode" : " episodes");
        String separator = ": ";
        for (Status status : Status.values()) {
            if (counts.containsKey(status)) {
                text.append(separator).append(counts.get(status)).append(' ').append(status.label());
                separator = ", ";
            }
        }
        return text.append('.').toString();
    }

    /** Whole seconds, cut down as audio players show them. */
    static String duration(long millis) {
        long seconds = millis / 1000;
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
