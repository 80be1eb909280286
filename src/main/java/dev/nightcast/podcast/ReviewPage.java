package dev.nightcast.podcast;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.nightcast.audio.Loudness;
import dev.nightcast.budget.Cost;
import dev.nightcast.podcast.CatalogEntry.Status;
import dev.nightcast.publication.MadeByNightcast;
import dev.nightcast.text.SafeText;

/**
 * {@code output/index.html}: one self-contained page listing every episode of the input. What needs
 * attention comes first: a banner when the last run stopped early (a limit, an outage) and why, then
 * the failed and invalid entries, each with its reason in one short line (the whole of it behind a
 * toggle when longer); then the narrated episodes, newest first (by their feed date); then those not
 * narrated yet, in input order. Each episode shows its date, length, cost, loudness, an audio player,
 * download links for its files and the transcript behind a toggle. It works opened straight from
 * disk: no server, no script, nothing fetched from elsewhere; audio sources and links are relative
 * names in the same folder (the MP3, with the WAV as fallback), and the player carries the episode's
 * WebVTT captions as a {@code <track>} (off until chosen).
 */
public final class ReviewPage {

    static final String FILE_NAME = "index.html";
    /** Every page Nightcast made holds this (its title) near its start; an index.html without it is never replaced. */
    public static final String MARK = "<title>Nightcast review</title>";

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final String LOUDNESS_TITLE = "Integrated loudness (EBU R128), true peak, loudness range";
    /** A reason longer than this shows its first part on the line and the whole behind a toggle. */
    private static final int SHORT_REASON = 180;

    private static final int REASON_HEAD = 100;
    private static final int REASON_TAIL = 70;

    private ReviewPage() {}

    /**
     * Writes the page atomically (temporary name, then a rename) and returns its path.
     *
     * @throws MadeByNightcast.ForeignFileException when an index.html Nightcast did not make is there
     */
    public static Path write(Path output, List<CatalogEntry> entries, Instant generated) throws IOException {
        return write(output, entries, null, generated);
    }

    /**
     * @param lastRun the run that last wrote the folder, for the banner; {@code null} when unknown
     */
    public static Path write(Path output, List<CatalogEntry> entries, @Nullable LastRun lastRun, Instant generated)
            throws IOException {
        Path page = output.resolve(FILE_NAME);
        MadeByNightcast.checkReplaceable(page, MARK);
        Path part = output.resolve("." + FILE_NAME + ".part");
        Files.writeString(part, render(entries, lastRun, generated), StandardCharsets.UTF_8);
        Files.move(part, page, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return page;
    }

    static String render(List<CatalogEntry> entries, Instant generated) {
        return render(entries, null, generated);
    }

    static String render(List<CatalogEntry> entries, @Nullable LastRun lastRun, Instant generated) {
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
                .reason{color:#a11;margin:.2rem 0}
                .banner{background:#fff4d6;border:1px solid #e0b84a;border-radius:.3rem;padding:.6rem .8rem;margin:1rem 0}
                .downloads{font-size:.9rem;margin:.2rem 0}
                details.reason-full p{white-space:pre-wrap;color:#a11}
                audio{width:100%;margin:.4rem 0}
                details p{margin:.4rem 0}
                </style>
                </head>
                <body>
                <h1>Nightcast review</h1>
                """);
        html.append("<p class=\"summary\">")
                .append(summary(entries))
                .append(" Page made ")
                .append(WHEN.format(generated.atZone(ZoneId.systemDefault())))
                .append(".</p>\n");
        if (lastRun != null && lastRun.stoppedEarly()) {
            banner(html, lastRun);
        }
        html.append("<main>\n");
        for (CatalogEntry entry : ordered(entries)) {
            article(html, entry);
        }
        html.append("</main>\n</body>\n</html>\n");
        return html.toString();
    }

    /**
     * Failed and invalid entries first (input order), then narrated episodes newest first, then those
     * not narrated yet (input order).
     */
    static List<CatalogEntry> ordered(List<CatalogEntry> entries) {
        List<CatalogEntry> ordered = new ArrayList<>(entries.size());
        entries.stream()
                .filter(entry -> entry.status() == Status.FAILED || entry.status() == Status.INVALID)
                .forEach(ordered::add);
        entries.stream()
                .filter(entry -> entry.status() == Status.NARRATED)
                .sorted(Comparator.comparing(CatalogEntry::published, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(CatalogEntry::episodeId))
                .forEach(ordered::add);
        entries.stream().filter(entry -> entry.status() == Status.PENDING).forEach(ordered::add);
        return ordered;
    }

    private static void banner(StringBuilder html, LastRun run) {
        html.append("<div class=\"banner\" role=\"alert\"><strong>The last run stopped early.</strong> Execution ")
                .append(run.executionId())
                .append(" (")
                .append(Html.escape(run.status()));
        Instant ended = run.endedAt();
        if (ended != null) {
            html.append(", ended ").append(WHEN.format(ended.atZone(ZoneId.systemDefault())));
        }
        String reason = run.stopReason();
        html.append("): ")
                .append(reason == null ? "its log says why" : Html.escape(SafeText.oneLine(reason)))
                .append(". Running the same params again continues it.</div>\n");
    }

    private static void article(StringBuilder html, CatalogEntry entry) {
        String css = entry.status().name().toLowerCase(Locale.ROOT);
        html.append("<article class=\"episode ")
                .append(css)
                .append("\" id=\"episode-")
                .append(Html.escape(entry.episodeId()))
                .append("\">\n");
        html.append("<h2>").append(Html.escape(entry.title())).append("</h2>\n");
        html.append("<p class=\"meta\"><span class=\"status\">")
                .append(entry.status().label())
                .append("</span>");
        if (entry.hasAudio()) {
            Instant published = entry.published();
            if (published != null) {
                // HTML's date-time takes at most milliseconds: whole seconds are enough here.
                html.append(" · <time class=\"date\" datetime=\"")
                        .append(published.truncatedTo(ChronoUnit.SECONDS))
                        .append("\">")
                        .append(DAY.format(published.atZone(ZoneId.systemDefault())))
                        .append("</time>");
            }
            html.append(" · <span class=\"duration\">")
                    .append(duration(entry.durationMillis()))
                    .append("</span>");
            Cost cost = entry.details().cost();
            if (cost != null) {
                html.append(" · <span class=\"cost\" title=\"")
                        .append(Html.escape(cost.describe().strip()))
                        .append("\">")
                        .append(cost.dollars())
                        .append("</span>");
            }
            if (entry.loudness() != null) {
                html.append(" · <span class=\"loudness\" title=\"")
                        .append(LOUDNESS_TITLE)
                        .append("\">")
                        .append(loudness(entry.loudness()))
                        .append("</span>");
            }
        }
        html.append(" · <code>")
                .append(Html.escape(entry.episodeId()))
                .append("</code> · ")
                .append(Html.escape(entry.source()))
                .append("</p>\n");
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
                        .append(Html.escape(entry.subtitles()))
                        .append("\">");
            }
            html.append("</audio>\n");
            downloads(html, entry);
        }
        if (entry.transcript() != null && !entry.transcript().isBlank()) {
            html.append("<details><summary>Transcript</summary>\n");
            for (String paragraph : entry.transcript().strip().split("\\n\\s*\\n")) {
                html.append("<p>").append(Html.escape(paragraph.strip())).append("</p>\n");
            }
            html.append("</details>\n");
        }
        if (entry.reason() != null) {
            reason(html, entry.reason());
        }
        html.append("</article>\n");
    }

    /**
     * The reason on one short line; a longer one also whole, behind a toggle. The short line keeps the
     * start (what failed) and the end (the cause the gateway gave, which comes last).
     */
    private static void reason(StringBuilder html, String reason) {
        String line = SafeText.oneLine(reason);
        boolean cut = line.length() > SHORT_REASON;
        if (cut) {
            line = cutBefore(line, REASON_HEAD) + " \u2026 " + cutAfter(line, line.length() - REASON_TAIL);
        }
        html.append("<p class=\"reason\">").append(Html.escape(line)).append("</p>\n");
        if (cut || reason.contains("\n")) {
            html.append("<details class=\"reason-full\"><summary>Whole reason</summary><p>")
                    .append(Html.escape(reason))
                    .append("</p></details>\n");
        }
    }

    /** The text before {@code end}, never ending between the halves of a surrogate pair. */
    private static String cutBefore(String text, int end) {
        return text.substring(0, Character.isLowSurrogate(text.charAt(end)) ? end - 1 : end);
    }

    /** The text from {@code start}, never starting between the halves of a surrogate pair. */
    private static String cutAfter(String text, int start) {
        return text.substring(Character.isLowSurrogate(text.charAt(start)) ? start + 1 : start);
    }

    /** Links to the episode's files, relative to the page. */
    private static void downloads(StringBuilder html, CatalogEntry entry) {
        List<String> links = new ArrayList<>();
        link(links, entry.mp3(), "MP3");
        link(links, entry.wav(), "WAV");
        link(links, entry.details().transcriptFile(), "Transcript");
        link(links, entry.subtitles(), "Captions (WebVTT)");
        link(links, entry.chapters(), "Chapters (JSON)");
        html.append("<p class=\"downloads\">Download: ")
                .append(String.join(" · ", links))
                .append("</p>\n");
    }

    private static void link(List<String> links, @Nullable String file, String label) {
        if (file != null) {
            links.add("<a href=\"" + Html.escape(file) + "\" download>" + label + "</a>");
        }
    }

    /** "-16.0 LUFS, peak -1.2 dBTP, LRA 4.3 LU". */
    static String loudness(Loudness loudness) {
        return String.format(
                Locale.ROOT,
                "%.1f LUFS, peak %.1f dBTP, LRA %.1f LU",
                loudness.integratedLufs(),
                loudness.truePeakDbtp(),
                loudness.rangeLu());
    }

    private static String summary(List<CatalogEntry> entries) {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        entries.forEach(entry -> counts.merge(entry.status(), 1, Integer::sum));
        StringBuilder text =
                new StringBuilder().append(entries.size()).append(entries.size() == 1 ? " episode" : " episodes");
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
        return seconds >= 3600
                ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
