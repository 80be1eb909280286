package dev.nightcast.narration;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.RealtimeSession;
import dev.nightcast.realtime.SegmentRequest;
import dev.nightcast.realtime.SegmentResult;
import dev.nightcast.realtime.TokenUsage;

/**
 * Narrates one segment into its checkpoint, read faithfully or not at all.
 *
 * <p>Two loops: a <em>reading</em> is retried on a fresh connection while it fails transiently
 * (the episode's retry policy; the jittered back-off is waited in the {@link OutageBreaker}, which
 * cuts it short when the run stops); a completed reading whose transcript fails the
 * {@link FidelityCheck} is read again with {@linkplain NarratorInstructions#stricter stricter
 * instructions}, up to {@code fidelity.attempts} readings. Audio streams to a temporary file and is
 * kept only when accepted. Every attempt is recorded, logged as one line and reported to the
 * breaker. Stateless between calls; thread-safe.
 */
final class SegmentNarrator {

    private static final Logger log = LoggerFactory.getLogger(SegmentNarrator.class);
    private static final double PCM_BYTES_PER_SECOND = 48_000.0;

    private final FidelityCheck fidelity;
    private final int readings;
    private final AttemptLog attemptLog;
    private final OutageBreaker breaker;
    private final RetryBackoff backoff;

    SegmentNarrator(NarrationProperties.Fidelity settings, AttemptLog attemptLog, OutageBreaker breaker,
            RetryBackoff backoff) {
        this.fidelity = new FidelityCheck(settings);
        this.readings = settings.attempts();
        this.attemptLog = attemptLog;
        this.breaker = breaker;
        this.backoff = backoff;
    }

    /**
     * @throws RealtimeException when a reading failed permanently or ran out of attempts
     * @throws SegmentRejectedException when no reading passed the fidelity check
     */
    SegmentCheckpoints.Take narrate(EpisodeRun run, PlannedSegment segment)
            throws RealtimeException, SegmentRejectedException, IOException {
        String instructions = run.sessions().instructions();
        String episode = run.script().id();
        TokenUsage spent = TokenUsage.ZERO;
        FidelityCheck.Verdict verdict = null;
        SegmentCheckpoints.Recording recording = run.checkpoints().record(segment);
        boolean kept = false;
        try {
            for (int reading = 1; reading <= readings; reading++) {
                Reading done = read(run, segment, instructions, recording);
                spent = spent.plus(done.result().usage());
                verdict = fidelity.check(segment.text(), done.result().transcript(), recording.bytes(),
                        run.script().speed());
                if (verdict.passed()) {
                    attemptLog.succeeded(episode, segment.index(), done.attempt(), done.duration());
                    SegmentCheckpoints.Take take = run.checkpoints().keep(segment, recording,
                            new SegmentCheckpoints.Take(recording.bytes(), done.result().transcript(),
                                    verdict.errors(), verdict.referenceWords(), spent));
                    kept = true;
                    return take;
                }
                attemptLog.rejected(episode, segment.index(), done.attempt(), done.duration(), verdict.problem());
                log.warn("Episode {} {}: reading {} of {} rejected: {}", episode, run.describe(segment), reading,
                        readings, verdict.problem());
                instructions = NarratorInstructions.stricter(run.sessions().instructions(), verdict.problem(),
                        segment.text());
            }
            throw new SegmentRejectedException(verdict, readings, spent);
        } finally {
            if (!kept) {
                recording.discard();
            }
        }
    }

    private record Reading(SegmentResult result, int attempt, Duration duration) {
    }

    private Reading read(EpisodeRun run, PlannedSegment segment, String instructions,
            SegmentCheckpoints.Recording recording) throws RealtimeException, IOException {
        try {
            return Failsafe.with(run.retryPolicy()).get(context -> {
                breaker.pause(context.isFirstAttempt() ? Duration.ZERO : run.backoffDelay());
                return attempt(run, segment, instructions, recording, context.getAttemptCount() + 1);
            });
        } catch (FailsafeException e) {
            if (e.getCause() instanceof RealtimeException realtime) {
                throw realtime;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    /** @param tryOfReading 1-based attempt within this reading, against {@code max-attempts} */
    private Reading attempt(EpisodeRun run, PlannedSegment segment, String instructions,
            SegmentCheckpoints.Recording recording, int tryOfReading) throws RealtimeException, IOException {
        int attempt = run.nextAttempt(segment);
        long started = System.nanoTime();
        // Every attempt starts from an empty recording: a failed one may have left partial audio.
        recording.restart();
        String episode = run.script().id();
        try {
            SegmentResult result = open(run, segment, attempt).narrate(
                    new SegmentRequest(episode, segment.index(), attempt, segment.text(), instructions), recording);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            breaker.succeeded();
            log.info("episode={} segment={} attempt={} outcome=ok latency={}ms audio={}s", episode,
                    segment.index() + 1, attempt, took.toMillis(),
                    String.format(Locale.ROOT, "%.2f", result.audioBytes() / PCM_BYTES_PER_SECOND));
            return new Reading(result, attempt, took);
        } catch (RealtimeException e) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            attemptLog.failed(episode, segment.index(), attempt, took, e);
            breaker.failed(episode, e);
            log.warn("episode={} segment={} attempt={} outcome={} {} latency={}ms next=\"{}\" error=\"{}\"", episode,
                    segment.index() + 1, attempt, e.kind(), e.code(), took.toMillis(), next(run, e, tryOfReading),
                    e.getMessage());
            // The next attempt starts on a fresh connection.
            run.sessions().close();
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
        return "retry in " + delay.toMillis() + " ms"
                + (retryAfter != null && delay.equals(retryAfter) ? " (Retry-After)" : "");
    }
}
