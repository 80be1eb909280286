package dev.nightcast.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;

/**
 * Tells a gateway that is down from one that blinked, and stops the run instead of letting every
 * episode spend its retries against a service that is down.
 *
 * <p>It looks at the streak of transient failures since the last success anywhere in the run, and
 * judges by time as well as by count: it trips once the streak holds at least {@code threshold}
 * failures, has lasted at least {@code window} (default a minute) and is not one episode's own
 * problem. A blip (a restart, a fail-over: seconds of refused connections) fails every worker many
 * times in a second or two; counted alone that looked like an outage, and the run stopped with most
 * episodes left for another night.
 *
 * <p>Who is to blame for a failure ({@link Blame}) decides whether it counts against the episode's
 * {@code max-attempts}: a failure while connecting carries nothing of the episode (the handshake is
 * the same for all), and a failure while other episodes fail too with no success since is the
 * gateway's; the {@link RetryDecision} makes those again after its back-off without counting them,
 * until a call succeeds or the breaker trips. A failure mid-response of one episode alone is that
 * episode's.
 *
 * <p>Throttling (HTTP 429, rate-limit errors) neither counts nor resets: a gateway that throttles is
 * up, and the run's throttle sends it less; the failures around it still count. Permanent failures
 * and a session reaching its maximum duration do not count either. A refused
 * {@link FailureKind#CONFIGURATION} trips the breaker at once: no episode could succeed, none is to
 * blame. Once tripped it stays tripped for the run: workers take no new episode, episodes in flight
 * stop at their next attempt or back-off (not done, not failed: the next run narrates them), and the
 * job ends FAILED.
 *
 * <p>Time comes from the injected {@link Clock}. One instance per job execution, shared by all its
 * workers; thread-safe.
 */
public final class OutageBreaker {

    /** Who a failed gateway call is to blame on. */
    public enum Blame {
        /** The episode's own failure: it counts against its {@code max-attempts}. */
        EPISODE,
        /** The gateway's: the call is made again without counting, until a success or the breaker trips. */
        GATEWAY
    }

    /** Failures of one episode alone, mid-response, never trip the breaker. */
    public static final int MIN_EPISODES = 2;

    private static final int ERRORS_KEPT = 3;
    private static final int ERROR_CHARS = 300;
    private static final Logger log = LoggerFactory.getLogger(OutageBreaker.class);

    private final int threshold;
    private final Duration window;
    private final Clock clock;
    private final CountDownLatch trip = new CountDownLatch(1);
    private final Set<String> episodes = new HashSet<>();
    private final Deque<String> lastErrors = new ArrayDeque<>();
    private int consecutiveFailures;
    private int connectFailures;
    private @Nullable Instant streakStart;
    private volatile @Nullable String message;
    private volatile boolean configurationRefused;

    /**
     * @param threshold fewest failures in a row that trip it
     * @param window shortest time those failures must span, with no success in between
     */
    public OutageBreaker(int threshold, Duration window, Clock clock) {
        if (threshold < MIN_EPISODES) {
            throw new IllegalArgumentException("outage threshold must be at least " + MIN_EPISODES);
        }
        if (window.isNegative()) {
            throw new IllegalArgumentException("outage window must not be negative");
        }
        this.threshold = threshold;
        this.window = window;
        this.clock = clock;
    }

    /**
     * The breaker of a run with {@code concurrency} workers. The threshold is at least two failures
     * per worker: a blip (one dropped connection per worker) fails every worker's attempt at once.
     */
    public static OutageBreaker forRun(OutageSettings settings, int concurrency, Clock clock) {
        return new OutageBreaker(Math.max(settings.outageThreshold(), 2 * concurrency), settings.outageWindow(), clock);
    }

    public int threshold() {
        return threshold;
    }

    public Duration window() {
        return window;
    }

    /** A gateway attempt succeeded: the gateway is up, the count and the clock start again. */
    public synchronized void succeeded() {
        consecutiveFailures = 0;
        connectFailures = 0;
        streakStart = null;
        episodes.clear();
    }

    /**
     * A gateway call failed.
     *
     * @param connecting whether it failed while opening a session (before any of the episode was sent)
     * @return who is to blame: {@link Blame#GATEWAY} for a refused configuration, a transient failure
     *     while connecting, or one while other episodes fail too; otherwise {@link Blame#EPISODE}
     */
    public synchronized Blame failed(String episodeId, RealtimeException failure, boolean connecting) {
        if (failure.kind() == FailureKind.CONFIGURATION) {
            if (!isTripped()) {
                refused(failure);
            }
            return Blame.GATEWAY;
        }
        // Throttling (the gateway is up), an expired session (expected) and permanent failures (the
        // episode's own) say nothing about the gateway.
        if (failure.kind() != FailureKind.TRANSIENT || isTripped()) {
            return Blame.EPISODE;
        }
        Instant now = clock.instant();
        if (streakStart == null) {
            streakStart = now;
        }
        consecutiveFailures++;
        if (connecting) {
            connectFailures++;
        }
        episodes.add(episodeId);
        if (lastErrors.size() == ERRORS_KEPT) {
            lastErrors.removeFirst();
        }
        lastErrors.addLast(shorten(failure.getMessage()));
        Duration lasted = Duration.between(streakStart, now);
        // Connection failures are the gateway's even when only one episode is there to meet them.
        boolean notOneEpisodesOwn = episodes.size() >= MIN_EPISODES || connectFailures >= threshold;
        if (consecutiveFailures >= threshold && lasted.compareTo(window) >= 0 && notOneEpisodesOwn) {
            trip(lasted);
        }
        return connecting || episodes.size() >= MIN_EPISODES ? Blame.GATEWAY : Blame.EPISODE;
    }

    private void trip(Duration lasted) {
        message = "The Realtime gateway looks down: " + consecutiveFailures
                + " gateway attempts in a row failed transiently, across " + episodes.size()
                + (episodes.size() == 1 ? " episode" : " episodes") + ", for " + lasted.toSeconds()
                + " s without a single success. The run stops here instead of spending every"
                + " episode's retries. Last errors:\n    - " + String.join("\n    - ", lastErrors)
                + "\n  Episodes not narrated yet are not marked failed and nothing partial was published."
                + " Run the same params again when the gateway is back: the run continues where it"
                + " stopped and skips the episodes already narrated.";
        log.error(message);
        trip.countDown();
    }

    /** The gateway refused the configuration: no episode can succeed, the run stops at once. */
    private void refused(RealtimeException failure) {
        configurationRefused = true;
        message = "The Realtime gateway refused the configuration, so the run stops here:\n    "
                + failure.getMessage()
                + "\n  No episode was marked failed and nothing partial was published. Fix the configuration, then"
                + " run the same params again: the run continues where it stopped.";
        log.error(message);
        trip.countDown();
    }

    public boolean isTripped() {
        return trip.getCount() == 0;
    }

    /** True when the breaker tripped because the gateway refused the configuration, not because it was down. */
    public boolean configurationRefused() {
        return configurationRefused;
    }

    /** The operator's explanation once tripped, or null. */
    public @Nullable String message() {
        return message;
    }

    /** Throws when the breaker has tripped, so no new episode or attempt starts. */
    public void checkClosed() {
        if (isTripped()) {
            throw new GatewayOutageException();
        }
    }

    /**
     * Waits out a retry back-off, unless the breaker trips meanwhile.
     *
     * @throws GatewayOutageException when the breaker is or becomes tripped
     */
    public void pause(Duration delay) {
        checkClosed();
        try {
            if (trip.await(Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS)) {
                throw new GatewayOutageException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a retry back-off", e);
        }
    }

    private static String shorten(@Nullable String text) {
        String line = String.valueOf(text).replaceAll("\\s+", " ").strip();
        return line.length() > ERROR_CHARS ? line.substring(0, ERROR_CHARS) + "…" : line;
    }
}
