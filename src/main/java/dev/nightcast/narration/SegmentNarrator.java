package dev.nightcast.narration;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.TokenUsage;
import dev.nightcast.text.FidelityCheck;
import dev.nightcast.text.FidelityLimits;
import dev.nightcast.throughput.Patience;

/**
 * Narrates one segment into its checkpoint, read faithfully or not at all.
 *
 * <p>Three loops: a throttled gateway call (HTTP 429, a rate-limit error) is tried again after
 * {@code Retry-After} or a jittered back-off without counting against {@code max-attempts}, as long
 * as the attempt's throttle budget ({@link Patience}) lasts, and so is a failure the
 * {@link OutageBreaker} blames on the gateway (a blip), until a call succeeds or the breaker trips;
 * a <em>reading</em> is retried on a
 * fresh connection while it fails transiently otherwise (the episode's retry policy); a completed
 * reading whose transcript fails the {@link FidelityCheck} is read again with
 * {@linkplain NarratorInstructions#stricter stricter instructions}, up to {@code fidelity.attempts}
 * readings. Every wait is spent in the {@link OutageBreaker}, which cuts it short when the run
 * stops. Audio streams to a temporary file and is kept only when accepted. Every gateway call is
 * one {@link SegmentAttempt}: recorded ({@code SUCCEEDED}, {@code THROTTLED}, {@code FAILED} or
 * {@code REJECTED}), logged as one line and reported to the breaker. Stateless between calls;
 * thread-safe.
 */
final class SegmentNarrator {

    private static final Logger log = LoggerFactory.getLogger(SegmentNarrator.class);

    private final FidelityCheck fidelity;
    private final int readings;
    private final AttemptLog attemptLog;
    private final OutageBreaker breaker;
    private final SegmentAttempt attempts;
    private final Supplier<Patience> patience;

    /** @param patience a fresh throttle budget, started for each attempt */
    SegmentNarrator(FidelityLimits settings, AttemptLog attemptLog, OutageBreaker breaker,
            RetryBackoff backoff, Supplier<Patience> patience) {
        this.fidelity = new FidelityCheck(settings);
        this.readings = settings.attempts();
        this.attemptLog = attemptLog;
        this.breaker = breaker;
        this.attempts = new SegmentAttempt(attemptLog, breaker, backoff);
        this.patience = patience;
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
                SegmentAttempt.Reading done = read(run, segment, instructions, recording);
                spent = spent.plus(done.result().usage());
                verdict = fidelity.check(segment.text(), done.result().transcript(), recording.bytes(),
                        run.script().speed());
                if (verdict.passed()) {
                    attemptLog.succeeded(episode, segment.index(), done.attempt(), done.duration());
                    SegmentCheckpoints.Take take = run.checkpoints().keep(segment, recording,
                            new SegmentCheckpoints.Take(recording.bytes(), done.result().transcript(),
                                    verdict.errors(), verdict.referenceWords(), spent, done.result().marks()));
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

    private SegmentAttempt.Reading read(EpisodeRun run, PlannedSegment segment, String instructions,
            SegmentCheckpoints.Recording recording) throws RealtimeException, IOException {
        try {
            return Failsafe.with(run.retryPolicy()).get(context -> {
                breaker.pause(context.isFirstAttempt() ? Duration.ZERO : run.backoffDelay());
                return untilCounted(run, segment, instructions, recording, context.getAttemptCount() + 1);
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

    /**
     * One attempt against {@code max-attempts}: gateway calls until one counts (it succeeds, or fails
     * as the episode's own failure). Throttled calls within the attempt's budget and failures the
     * outage breaker blames on the gateway are made again after their wait without counting.
     */
    private SegmentAttempt.Reading untilCounted(EpisodeRun run, PlannedSegment segment, String instructions,
            SegmentCheckpoints.Recording recording, int tryOfReading) throws RealtimeException, IOException {
        Patience budget = patience.get();
        while (true) {
            try {
                return attempts.make(run, segment, instructions, recording, tryOfReading, budget);
            } catch (SegmentAttempt.NotCounted again) {
                // What the server asked for, or the back-off; an outage cuts it short.
                breaker.pause(again.waitFor());
            }
        }
    }
}
