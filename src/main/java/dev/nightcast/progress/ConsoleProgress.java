package dev.nightcast.progress;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.stereotype.Component;

/**
 * Shows a run's progress on standard output: a live bar on a terminal, plain lines otherwise (see
 * {@link ProgressProperties}). While the bar is shown, the INFO log lines that would break it are
 * held back (warnings still print); they come back when the run ends.
 *
 * <p>Follows one run at a time, as the command line runs them.
 */
@Component
class ConsoleProgress implements RunObserver {

    private static final String[] CHATTY_LOGGERS = {"dev.nightcast", "org.springframework.batch"};

    private final ProgressProperties settings;
    private final ObjectProvider<LoggingSystem> logging;
    private final Supplier<PrintStream> out;
    private @Nullable LineProgress lines;
    private @Nullable BarProgress bar;
    private @Nullable ScheduledExecutorService ticker;
    private LogLevel @Nullable [] heldBack;

    @Autowired
    ConsoleProgress(ProgressProperties settings, ObjectProvider<LoggingSystem> logging) {
        // Standard output as it is when a run starts, not when this bean was made.
        this(settings, logging, () -> System.out);
    }

    ConsoleProgress(ProgressProperties settings, ObjectProvider<LoggingSystem> logging, Supplier<PrintStream> out) {
        this.settings = settings;
        this.logging = logging;
        this.out = out;
    }

    @Override
    public synchronized void runStarted(long jobExecutionId, int total, Supplier<RunProgress> progress) {
        close();
        switch (settings.resolved()) {
            case BAR -> {
                holdBackInfoLogs();
                bar = new BarProgress(out.get(), total);
            }
            case LINES -> {
                lines = new LineProgress(out.get(), total);
                long every = settings.summaryEvery().toMillis();
                ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "progress-summary");
                    thread.setDaemon(true);
                    return thread;
                });
                LineProgress target = lines;
                ticker.scheduleAtFixedRate(() -> target.tick(progress.get()), every, every, TimeUnit.MILLISECONDS);
            }
            default -> {
                // off
            }
        }
    }

    @Override
    public synchronized void episodeFinished(EpisodeEvent event, RunProgress progress) {
        if (lines != null) {
            lines.episode(event, progress);
        }
        if (bar != null) {
            bar.episode(progress);
        }
    }

    @Override
    public synchronized void runProgressed(RunProgress progress) {
        if (lines != null) {
            lines.progressed(progress);
        }
        if (bar != null) {
            bar.episode(progress);
        }
    }

    @Override
    public synchronized void runStopping(String reason, RunProgress progress) {
        if (lines != null) {
            lines.stopping(reason);
        }
        if (bar != null) {
            bar.stopping(reason);
        }
    }

    @Override
    public synchronized void runEnded(RunProgress progress) {
        if (lines != null) {
            lines.end(progress);
        }
        if (bar != null) {
            bar.episode(progress);
        }
        close();
    }

    private void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
        lines = null;
        if (bar != null) {
            bar.close();
            bar = null;
            restoreInfoLogs();
        }
    }

    private void holdBackInfoLogs() {
        LoggingSystem system = logging.getIfAvailable();
        if (system == null) {
            return;
        }
        heldBack = new LogLevel[CHATTY_LOGGERS.length];
        for (int i = 0; i < CHATTY_LOGGERS.length; i++) {
            LoggerConfiguration configuration = system.getLoggerConfiguration(CHATTY_LOGGERS[i]);
            heldBack[i] = configuration == null ? null : configuration.getConfiguredLevel();
            system.setLogLevel(CHATTY_LOGGERS[i], LogLevel.WARN);
        }
    }

    private void restoreInfoLogs() {
        LoggingSystem system = logging.getIfAvailable();
        if (system == null || heldBack == null) {
            return;
        }
        for (int i = 0; i < CHATTY_LOGGERS.length; i++) {
            system.setLogLevel(CHATTY_LOGGERS[i], heldBack[i]);
        }
        heldBack = null;
    }
}
