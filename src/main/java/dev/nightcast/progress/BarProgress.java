package dev.nightcast.progress;

import java.io.PrintStream;
import java.time.Duration;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The live bar on a terminal (me.tongfei progressbar): episodes done of total, elapsed and ETA, with
 * audio minutes, failures and spend beside it. The library redraws it on its own thread.
 */
final class BarProgress implements AutoCloseable {

    private final ProgressBar bar;

    BarProgress(PrintStream out, long total) {
        this(new ConsoleProgressBarConsumer(out), total);
    }

    BarProgress(ProgressBarConsumer consumer, long total) {
        this.bar = new ProgressBarBuilder()
                .setTaskName("narrate")
                .setInitialMax(Math.max(total, 0))
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setConsumer(consumer)
                .setUpdateIntervalMillis(500)
                .continuousUpdate()
                .build();
    }

    void episode(RunProgress p) {
        bar.stepTo(p.done());
        bar.setExtraMessage(message(p));
    }

    void stopping(String reason) {
        bar.setExtraMessage("stopping: " + reason);
    }

    /** Short, so that the bar keeps its room on an 80-column terminal. */
    static String message(RunProgress p) {
        return ProgressText.clock(Duration.ofMillis(p.audioMillis())) + " audio, " + p.failed() + " failed, "
                + ProgressText.money(p.cost());
    }

    @Override
    public void close() {
        bar.close();
    }
}
