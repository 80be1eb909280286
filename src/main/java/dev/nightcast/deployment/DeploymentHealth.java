package dev.nightcast.deployment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;

/**
 * Whether one deployment of several takes new sessions: its own outage breaker, which, unlike the
 * run's, closes again.
 *
 * <ul>
 *   <li><b>Up</b>: takes new sessions.
 *   <li><b>Down</b> after {@value #DOWN_AFTER} transient failures in a row on it with no success in
 *       between, either all while connecting or across at least two episodes (one episode's own
 *       trouble says nothing about the deployment). No new session goes there; sessions already
 *       open finish what they do (it is drained). Once {@code probeAfter} has passed, one session
 *       is let through as a probe: a response that completes (or is throttled: a throttling
 *       deployment is up) brings it back up; a transient failure keeps it down for another
 *       {@code probeAfter}. A success on a session that was already open brings it back too.
 *   <li><b>Out</b> for the run once it refused the configuration (401, 403, 404, an endpoint that
 *       speaks the old protocol): no retry fixes that tonight.
 * </ul>
 *
 * No count is kept of throttling, permanent failures or expired sessions: they say nothing about
 * whether the deployment is up. Time comes from the injected clock. Thread-safe.
 */
final class DeploymentHealth {

    /** Transient failures in a row that take a deployment down. */
    static final int DOWN_AFTER = 3;

    private static final Logger log = LoggerFactory.getLogger(DeploymentHealth.class);

    enum State {
        UP,
        DOWN,
        OUT
    }

    private final String name;
    private final Duration probeAfter;
    private final Clock clock;
    private State state = State.UP;
    private int streak;
    private int connectFailures;
    private final Set<String> episodes = new HashSet<>();
    private @Nullable Instant downSince;
    private @Nullable Instant probeAt;
    private boolean probing;
    private int timesDown;
    private @Nullable String lastError;
    private @Nullable String outReason;

    DeploymentHealth(String name, Duration probeAfter, Clock clock) {
        this.name = name;
        this.probeAfter = probeAfter;
        this.clock = clock;
    }

    synchronized State state() {
        return state;
    }

    synchronized boolean isUp() {
        return state == State.UP;
    }

    synchronized boolean isOut() {
        return state == State.OUT;
    }

    /** When it went down, for choosing among deployments that are all down; null when it is not down. */
    synchronized @Nullable Instant downSince() {
        return downSince;
    }

    /**
     * Claims the probe if this deployment is down, its probe is due and no probe is out.
     *
     * @return true when the caller's next session is the probe
     */
    synchronized boolean claimProbe() {
        if (state != State.DOWN || probing || probeAt == null || clock.instant().isBefore(probeAt)) {
            return false;
        }
        probing = true;
        return true;
    }

    /** A response on this deployment completed: it is up. */
    synchronized void succeeded() {
        streak = 0;
        connectFailures = 0;
        episodes.clear();
        if (state == State.DOWN) {
            log.info(
                    "Deployment {} answers again after {} s down; it takes new sessions",
                    name,
                    downSince == null
                            ? 0
                            : Duration.between(downSince, clock.instant()).toSeconds());
            state = State.UP;
            downSince = null;
            probeAt = null;
            probing = false;
        }
    }

    /**
     * A call on this deployment failed.
     *
     * @param episodeId the episode of a failed response; null while connecting
     * @param probe whether the call was this deployment's probe
     */
    synchronized void failed(RealtimeException failure, @Nullable String episodeId, boolean probe) {
        if (probe) {
            probing = false;
        }
        if (failure.kind() == FailureKind.THROTTLED && probe) {
            succeeded();
            return;
        }
        if (failure.kind() != FailureKind.TRANSIENT || state == State.OUT) {
            if (probe && state == State.DOWN) {
                probeAt = clock.instant(); // the probe said nothing about the deployment: another may go now
            }
            return;
        }
        streak++;
        if (episodeId == null) {
            connectFailures++;
        } else {
            episodes.add(episodeId);
        }
        lastError = oneLine(failure.getMessage());
        Instant now = clock.instant();
        if (state == State.DOWN) {
            if (probe) {
                probeAt = now.plus(probeAfter);
                log.info(
                        "Deployment {} is still down (the probe failed: {}); next probe in {} s",
                        name,
                        lastError,
                        probeAfter.toSeconds());
            }
            return;
        }
        if (streak >= DOWN_AFTER && (connectFailures >= DOWN_AFTER || episodes.size() >= 2)) {
            state = State.DOWN;
            timesDown++;
            downSince = now;
            probeAt = now.plus(probeAfter);
            log.warn(
                    "Deployment {} looks down: {} calls in a row failed on it (last: {}). It gets no new sessions;"
                            + " one session probes it again in {} s while the other deployments carry the run",
                    name,
                    streak,
                    lastError,
                    probeAfter.toSeconds());
        }
    }

    /** The probe's session ended without telling anything: another may go now. */
    synchronized void probeAbandoned() {
        if (probing) {
            probing = false;
            if (state == State.DOWN) {
                probeAt = clock.instant();
            }
        }
    }

    /** The deployment refused the configuration: it is out for the run. */
    synchronized void refused(RealtimeException failure) {
        if (state == State.OUT) {
            return;
        }
        state = State.OUT;
        probing = false;
        outReason = oneLine(failure.getMessage());
        log.error("Deployment {} refused the configuration and is out of this run: {}", name, outReason);
    }

    /** Why it is out, once it is. */
    synchronized @Nullable String outReason() {
        return outReason;
    }

    /** What to say about its state at the end of the run, or null when there is nothing to say. */
    synchronized @Nullable String note() {
        return switch (state) {
            case UP ->
                timesDown == 0
                        ? null
                        : "was down " + timesDown + (timesDown == 1 ? " time" : " times") + " and answered again";
            case DOWN -> "down since " + seconds(downSince) + "; last error: " + lastError;
            case OUT -> "refused the configuration: " + outReason;
        };
    }

    private static @Nullable Instant seconds(@Nullable Instant instant) {
        return instant == null ? null : instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    /** One line for the end of the run: its state and how often it was down. */
    synchronized String describe() {
        return switch (state) {
            case UP ->
                name + ": up"
                        + (timesDown > 0 ? " (was down " + timesDown + (timesDown == 1 ? " time)" : " times)") : "");
            case DOWN -> name + ": down since " + seconds(downSince) + " (last error: " + lastError + ")";
            case OUT -> name + ": out of the run, it refused the configuration: " + outReason;
        };
    }

    private static String oneLine(@Nullable String text) {
        String line = String.valueOf(text).replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    @Override
    public String toString() {
        return describe();
    }
}
