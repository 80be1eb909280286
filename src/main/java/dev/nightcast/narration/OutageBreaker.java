package dev.nightcast.narration;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;

/**
 * Recognises a gateway outage from the attempts of one run and stops the run instead of letting
 * every episode spend its retries against a service that is down.
 *
 * <p>It trips when {@code threshold} gateway attempts in a row failed transiently and those
 * failures span at least {@value #MIN_EPISODES} episodes (one episode failing alone is that
 * episode's problem, not an outage). Any successful attempt resets the count. Throttling (HTTP 429,
 * rate-limit errors) neither counts nor resets: a gateway that throttles is up and answering, and
 * the run's throttle handles it by sending less; the failures around it still count, so an outage
 * that answers some calls with 429 and others with 503 or resets still trips it. It also trips
 * when an episode runs out of attempts in the middle of such a streak at least half that long:
 * recording the episode as failed would blame it for the outage. Once tripped it stays
 * tripped for the run: workers take no new episode, episodes in flight stop at their next attempt
 * or back-off (they are not done, not failed: the next run narrates them), and the job ends FAILED.
 *
 * <p>A {@link FailureKind#CONFIGURATION} failure (a wrong key, no such deployment, an untrusted
 * certificate, the old protocol) trips it at once: no episode could succeed, and none is to blame.
 *
 * <p>One instance per job execution, shared by all its workers; thread-safe.
 */
public final class OutageBreaker {

    /** Failures of one episode alone never trip the breaker. */
    public static final int MIN_EPISODES = 2;
    private static final int ERRORS_KEPT = 3;
    private static final int ERROR_CHARS = 300;
    private static final Logger log = LoggerFactory.getLogger(OutageBreaker.class);

    private final int threshold;
    private final CountDownLatch trip = new CountDownLatch(1);
    private final Set<String> episodes = new HashSet<>();
    private final Deque<String> lastErrors = new ArrayDeque<>();
    private int consecutiveFailures;
    private volatile String message;
    private volatile boolean configurationRefused;

    /** @param threshold consecutive transient failures (across at least two episodes) that trip it */
    public OutageBreaker(int threshold) {
        if (threshold < MIN_EPISODES) {
            throw new IllegalArgumentException("outage threshold must be at least " + MIN_EPISODES);
        }
        this.threshold = threshold;
    }

    /**
     * The breaker of a run with {@code concurrency} workers. The threshold is at least two failures
     * per worker: a blip (one dropped connection per worker) fails every worker's attempt at once,
     * and that alone is not an outage.
     */
    public static OutageBreaker forRun(NarrationProperties settings, int concurrency) {
        return new OutageBreaker(Math.max(settings.outageThreshold(), 2 * concurrency));
    }

    public int threshold() {
        return threshold;
    }

    /** A gateway attempt succeeded: the gateway is up, the count starts again. */
    public synchronized void succeeded() {
        consecutiveFailures = 0;
        episodes.clear();
    }

    /**
     * A gateway attempt failed. A refused configuration trips the breaker at once. Transient
     * failures count; permanent ones (the server answered, the request was the problem), throttling
     * (the server answered, it wants less) and a session reaching its maximum duration (expected) do
     * not.
     */
    public synchronized void failed(String episodeId, RealtimeException failure) {
        if (failure.kind() == FailureKind.CONFIGURATION && !isTripped()) {
            refused(failure);
            return;
        }
        if (!failure.isTransient() || failure.isRateLimited() || "session_expired".equals(failure.code())
                || isTripped()) {
            return;
        }
        consecutiveFailures++;
        episodes.add(episodeId);
        if (lastErrors.size() == ERRORS_KEPT) {
            lastErrors.removeFirst();
        }
        lastErrors.addLast(shorten(failure.getMessage()));
        if (consecutiveFailures >= threshold && episodes.size() >= MIN_EPISODES) {
            trip();
        }
    }

    /**
     * An episode ran out of attempts on a transient failure: is the outage to blame? It is when the
     * breaker has tripped, or when other episodes are failing too with no success since (a streak
     * across at least two episodes, at least half the threshold long); then the breaker trips now.
     *
     * @return true when the episode is to be left for the next run instead of recorded as failed
     */
    public synchronized boolean retriesRanOut(String episodeId) {
        if (!isTripped() && episodes.contains(episodeId) && episodes.size() >= MIN_EPISODES
                && 2 * consecutiveFailures >= threshold) {
            trip();
        }
        return isTripped();
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

    /** True when the breaker tripped because the gateway refused the configuration, not because it was down. */
    public boolean configurationRefused() {
        return configurationRefused;
    }

    private void trip() {
        message = "The Realtime gateway looks down: " + consecutiveFailures
                + " gateway attempts in a row failed transiently, across " + episodes.size()
                + " episodes, without a single success. The run stops here instead of spending every"
                + " episode's retries. Last errors:\n    - " + String.join("\n    - ", lastErrors)
                + "\n  Episodes not narrated yet are not marked failed and nothing partial was published."
                + " Run the same params again when the gateway is back: the run continues where it"
                + " stopped and skips the episodes already narrated.";
        log.error(message);
        trip.countDown();
    }

    public boolean isTripped() {
        return trip.getCount() == 0;
    }

    /** The operator's explanation once tripped, or null. */
    public String message() {
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
    void pause(Duration delay) {
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

    private static String shorten(String text) {
        String line = String.valueOf(text).replaceAll("\\s+", " ").strip();
        return line.length() > ERROR_CHARS ? line.substring(0, ERROR_CHARS) + "…" : line;
    }
}
