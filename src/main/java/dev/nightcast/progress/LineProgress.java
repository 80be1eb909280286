package dev.nightcast.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.nightcast.text.SafeText;

/**
 * Progress for logs (cron mail, CI): plain lines, no control characters. One line per finished
 * entry, a summary line on every {@link #tick}, and one at the end. What comes from the input (id,
 * file name, reason) is kept {@linkplain SafeText#oneLine on its line}.
 */
final class LineProgress {

    private final PrintStream out;
    private final int width;
    private final long total;

    LineProgress(PrintStream out, long total) {
        this.out = out;
        this.total = total;
        this.width = Long.toString(Math.max(total, 1)).length();
    }

    synchronized void episode(EpisodeEvent e, RunProgress p) {
        StringBuilder line = new StringBuilder(String.format(
                "[%" + width + "d/%s] %-8s %s",
                p.done(),
                total > 0 ? Long.toString(total) : "?",
                word(e.outcome()),
                e.episodeId() == null || e.episodeId().isBlank() ? "(no id)" : SafeText.oneLine(e.episodeId())));
        switch (e.outcome()) {
            case NARRATED ->
                line.append(String.format(
                        "  %s audio in %s  %s",
                        ProgressText.clock(Duration.ofMillis(e.audioMillis())),
                        ProgressText.clock(e.took()),
                        ProgressText.money(e.cost())));
            case SKIPPED -> line.append("  already narrated");
            case FAILED, INVALID ->
                line.append("  (")
                        .append(SafeText.oneLine(e.source()))
                        .append(") ")
                        .append(readable(e.reason()));
            default -> throw new IllegalStateException("Unknown outcome " + e.outcome());
        }
        out.println(line);
        out.flush();
    }

    synchronized void tick(RunProgress p) {
        out.println("-- " + p.done() + "/" + (total > 0 ? total : "?") + " done: " + standing(p));
        out.flush();
    }

    /**
     * The run's totals changed elsewhere (a cluster's worker hosts): one line of where it stands, in
     * the place of the lines of the episodes this process did not narrate itself.
     */
    synchronized void progressed(RunProgress p) {
        out.println("[" + String.format("%" + width + "d", p.done()) + "/" + (total > 0 ? total : "?") + "] "
                + standing(p));
        out.flush();
    }

    /** Totals, elapsed time and the time left. */
    private static String standing(RunProgress p) {
        Duration eta = p.eta();
        return ProgressText.totals(p)
                + "; elapsed " + ProgressText.clock(p.elapsed())
                + (eta == null ? "" : ", about " + ProgressText.clock(eta) + " left");
    }

    /** The last line of a run: where it ended, no estimate of what is left. */
    synchronized void end(RunProgress p) {
        out.println("-- run ended, " + p.done() + "/" + (total > 0 ? total : "?") + " done: " + ProgressText.totals(p)
                + "; elapsed " + ProgressText.clock(p.elapsed()));
        out.flush();
    }

    synchronized void stopping(String reason) {
        out.println("-- stopping: " + reason + "; episodes in flight finish, the next run continues");
        out.flush();
    }

    private static String word(EpisodeEvent.Outcome outcome) {
        return outcome == EpisodeEvent.Outcome.FAILED
                ? "FAILED"
                : outcome.name().toLowerCase(Locale.ROOT);
    }

    /** A reason on one line: its own line breaks and tabs read as spaces, any other control shown as an escape. */
    private static String readable(@Nullable String reason) {
        return reason == null ? "" : SafeText.oneLine(reason.strip().replaceAll("[\\r\\n\\t]+", " "));
    }
}
