package dev.nightcast.narration;

import java.io.IOException;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.SegmentRequest;
import dev.nightcast.realtime.SegmentResult;
import dev.nightcast.realtime.TokenUsage;

/**
 * Narrates one segment into its checkpoint, read faithfully or not at all.
 *
 * <p>Two loops: a <em>reading</em> is retried on a fresh connection while it fails transiently
 * (the episode's retry policy, with back-off); a completed reading whose transcript fails the
 * {@link FidelityCheck} is read again with {@linkplain NarratorInstructions#stricter stricter
 * instructions}, up to {@code fidelity.attempts} readings. Audio streams to a temporary file and is
 * kept only when accepted. Stateless between calls; thread-safe.
 */
final class SegmentNarrator {

    private static final Logger log = LoggerFactory.getLogger(SegmentNarrator.class);

    private final FidelityCheck fidelity;
    private final int readings;
    private final AttemptLog attemptLog;

    SegmentNarrator(NarrationProperties.Fidelity settings, AttemptLog attemptLog) {
        this.fidelity = new FidelityCheck(settings);
        this.readings = settings.attempts();
        this.attemptLog = attemptLog;
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
            return Failsafe.with(run.retryPolicy()).get(() -> attempt(run, segment, instructions, recording));
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

    private Reading attempt(EpisodeRun run, PlannedSegment segment, String instructions,
            SegmentCheckpoints.Recording recording) throws RealtimeException, IOException {
        int attempt = run.nextAttempt(segment);
        long started = System.nanoTime();
        // Every attempt starts from an empty recording: a failed one may have left partial audio.
        recording.restart();
        try {
            SegmentResult result = run.sessions().session(segment.voice()).narrate(
                    new SegmentRequest(run.script().id(), segment.index(), attempt, segment.text(), instructions),
                    recording);
            return new Reading(result, attempt, Duration.ofNanos(System.nanoTime() - started));
        } catch (RealtimeException e) {
            attemptLog.failed(run.script().id(), segment.index(), attempt,
                    Duration.ofNanos(System.nanoTime() - started), e);
            // The next attempt starts on a fresh connection.
            run.sessions().close();
            throw e;
        }
    }
}
