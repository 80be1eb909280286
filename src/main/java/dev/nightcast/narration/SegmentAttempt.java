package dev.nightcast.narration;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.nightcast.audio.PcmFormat;
import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.RealtimeSession;
import dev.nightcast.realtime.SegmentRequest;
import dev.nightcast.realtime.SegmentResult;
import dev.nightcast.throughput.Patience;

/**
 * One gateway call for a segment, and its record: a row in the {@link AttemptLog} (except for a
 * success, which the {@link SegmentNarrator} records once the fidelity check has judged it), one
 * log line, and a report to the {@link OutageBreaker}.
 *
 * <p>Two kinds of failed call do not count against {@code max-attempts}; both end in
 * {@link NotCounted} with the wait before the call is made again. A throttled call (HTTP 429, a
 * rate-limit error) is recorded as {@code THROTTLED} with the wait that follows (the server's
 * {@code Retry-After} or a jittered back-off, from the attempt's {@link Patience}); the breaker does
 * not hear of it, and a session that is still usable is kept. Once the attempt's throttle budget is
 * spent, throttling fails the attempt like any transient failure. A transient failure the breaker
 * blames on the gateway (while connecting, or while other episodes fail too) is recorded as
 * {@code FAILED} and waits the retry back-off; the breaker ends those waits when it trips. Any
 * other failed call chooses what follows and leaves the back-off on the {@link EpisodeRun}.
 * Stateless; thread-safe.
 */
final class SegmentAttempt {

    private static final Logger log = LoggerFactory.getLogger(SegmentAttempt.class);

    private final AttemptLog attemptLog;
    private final OutageBreaker breaker;
    private final RetryBackoff backoff;

    SegmentAttempt(AttemptLog attemptLog, OutageBreaker breaker, RetryBackoff backoff) {
        this.attemptLog = attemptLog;
        this.breaker = breaker;
        this.backoff = backoff;
    }

    /** A completed response, not yet judged. */
    record Reading(SegmentResult result, int attempt, Duration duration) {
    }

    /**
     * The call failed in a way that does not count against {@code max-attempts} (throttled, or the
     * gateway's failure rather than the episode's); make it again after {@link #waitFor()}.
     */
    static final class NotCounted extends Exception {

        private final transient Duration wait;

        NotCounted(Duration wait) {
            super(null, null, false, false);
            this.wait = wait;
        }

        Duration waitFor() {
            return wait;
        }
    }

    /**
     * @param tryOfReading 1-based attempt within this reading, against {@code max-attempts}
     * @param budget the throttle budget of this attempt
     * @throws RealtimeException when the call failed and counts against {@code max-attempts}
     * @throws NotCounted when the call is to be made again without counting
     */
    Reading make(EpisodeRun run, PlannedSegment segment, String instructions, SegmentCheckpoints.Recording recording,
            int tryOfReading, Patience budget) throws RealtimeException, IOException, NotCounted {
        int attempt = run.nextAttempt(segment);
        long started = System.nanoTime();
        // Every call starts from an empty recording: a failed one may have left partial audio.
        recording.restart();
        String episode = run.script().id();
        boolean connecting = true;
        try {
            RealtimeSession session = open(run, segment, attempt);
            connecting = false;
            SegmentResult result = session.narrate(
                    new SegmentRequest(episode, segment.index(), attempt, segment.text(), instructions), recording);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            breaker.succeeded();
            log.info("episode={} segment={} attempt={} outcome=ok latency={}ms audio={}s", episode,
                    segment.index() + 1, attempt, took.toMillis(),
                    String.format(Locale.ROOT, "%.2f", result.audioBytes() / (double) PcmFormat.BYTE_RATE));
            return new Reading(result, attempt, took);
        } catch (RealtimeException e) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Optional<Duration> wait = e.isRateLimited() ? budget.nextWait(e) : Optional.empty();
            if (wait.isPresent()) {
                run.throttled(segment);
                attemptLog.throttled(episode, segment.index(), attempt, took, e, wait.get());
                log.info("episode={} segment={} attempt={} outcome=THROTTLED {} latency={}ms next=\"{}, not counted"
                        + " against max-attempts\" error=\"{}\"", episode, segment.index() + 1, attempt, e.code(),
                        took.toMillis(), retryIn(wait.get(), e), e.getMessage());
                throw new NotCounted(wait.get());
            }
            attemptLog.failed(episode, segment.index(), attempt, took, e);
            OutageBreaker.Blame blame = breaker.failed(episode, e, connecting);
            // The next call starts on a fresh connection.
            run.sessions().close();
            if (blame == OutageBreaker.Blame.GATEWAY && e.isTransient() && !breaker.isTripped()) {
                // Probing a gateway that may be down: at least four calls per outage window, so an outage is
                // recognised soon after the window and a recovery soon after it happens.
                Duration delay = backoff.delay(tryOfReading - 1 + run.gatewayFailed(segment),
                        e.retryAfter().orElse(null), breaker.window().dividedBy(4));
                log.warn("episode={} segment={} attempt={} outcome={} {} latency={}ms next=\"{}, not counted against"
                        + " max-attempts (the gateway is failing, not the episode)\" error=\"{}\"", episode,
                        segment.index() + 1, attempt, e.kind(), e.code(), took.toMillis(), retryIn(delay, e),
                        e.getMessage());
                throw new NotCounted(delay);
            }
            log.warn("episode={} segment={} attempt={} outcome={} {} latency={}ms next=\"{}{}\" error=\"{}\"", episode,
                    segment.index() + 1, attempt, e.kind(), e.code(), took.toMillis(),
                    e.isRateLimited() ? "throttle budget spent, " : "", next(run, e, tryOfReading), e.getMessage());
            throw e;
        }
    }

    /** The segment's voice's session; its failures name the episode and segment, which the gateway cannot know. */
    private static RealtimeSession open(EpisodeRun run, PlannedSegment segment, int attempt) throws RealtimeException {
        try {
            return run.sessions().session(segment.voice());
        } catch (RealtimeException e) {
            throw new RealtimeException(e.kind(), e.code(), "episode " + run.script().id() + " segment "
                    + (segment.index() + 1) + " attempt " + attempt + ": " + e.getMessage(),
                    e.retryAfter().orElse(null), e);
        }
    }

    /** What follows a failed attempt; chooses the back-off when it is a retry. */
    private String next(EpisodeRun run, RealtimeException e, int tryOfReading) {
        if (e.kind() == FailureKind.CONFIGURATION) {
            return "stop the run (the gateway refused the configuration)";
        }
        if (!e.isTransient()) {
            return RealtimeException.MAX_OUTPUT_TOKENS.equals(e.code()) ? "split the segment" : "give up (permanent)";
        }
        if (breaker.isTripped()) {
            return "stop (gateway outage)";
        }
        if (tryOfReading >= run.maxAttempts()) {
            return "give up (" + run.maxAttempts() + " attempts used)";
        }
        Duration retryAfter = e.retryAfter().orElse(null);
        // A session at its maximum duration is expected: reconnect at once.
        Duration delay = "session_expired".equals(e.code()) ? Duration.ZERO : backoff.delay(tryOfReading, retryAfter);
        run.backoffDelay(delay);
        return retryIn(delay, e);
    }

    private static String retryIn(Duration delay, RealtimeException e) {
        return "retry in " + delay.toMillis() + " ms" + (e.retryAfter().filter(delay::equals).isPresent()
                ? " (Retry-After)" : "");
    }
}
