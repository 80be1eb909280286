package dev.nightcast.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import dev.nightcast.job.GracefulStop;

/**
 * Turns SIGTERM and SIGINT (Ctrl-C) into a graceful stop while a run is in progress, instead of the
 * JVM's default of running shutdown hooks and exiting with 128 + the signal number.
 *
 * <p>The first signal asks {@link GracefulStop} to stop the job; the process then ends by itself
 * with exit code 1 once the episodes in flight are published. A second signal abandons them: the
 * process halts at once with exit code 1, nothing unfinished is published, and the next run cleans
 * up and narrates them again. {@code sun.misc.Signal} (module {@code jdk.unsupported}) is the JDK's
 * only way to take over a signal; on a platform that lacks one of them that signal keeps its default.
 */
public final class StopSignals implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StopSignals.class);
    private static final String[] SIGNALS = {"TERM", "INT"};

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    private StopSignals() {}

    /** Installs the handlers until {@link #close()} puts the previous ones back. */
    public static StopSignals install(GracefulStop gracefulStop) {
        StopSignals signals = new StopSignals();
        AtomicInteger received = new AtomicInteger();
        SignalHandler handler = signal -> {
            if (received.incrementAndGet() == 1) {
                gracefulStop.requestStop("SIG" + signal.getName());
            } else {
                log.error(
                        "SIG{} again: abandoning the episodes in flight; nothing of them is published and the "
                                + "next run narrates them again",
                        signal.getName());
                Runtime.getRuntime().halt(ExitCodes.JOB_FAILED);
            }
        };
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                signals.previous.put(signal, Signal.handle(signal, handler));
            } catch (IllegalArgumentException unsupported) {
                log.debug("SIG{} cannot be handled here: {}", name, unsupported.getMessage());
            }
        }
        return signals;
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
