package dev.nightcast.narration;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;

import org.jspecify.annotations.Nullable;

import dev.nightcast.assembly.PlannedSegment;
import dev.nightcast.assembly.SegmentCheckpoints;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.SegmentResult;
import dev.nightcast.realtime.TokenUsage;
import dev.nightcast.retry.FailedCall;
import dev.nightcast.retry.GatewayOutageException;
import dev.nightcast.retry.NextStep;
import dev.nightcast.retry.OutageBreaker;
import dev.nightcast.retry.RetryDecision;
import dev.nightcast.text.FidelityCheck;
import dev.nightcast.text.FidelityLimits;

/**
 * Narrates one segment into its checkpoint, read faithfully or not at all, in one loop of gateway
 * calls ({@link SegmentAttempt}, each recorded and logged there and reported to the run's
 * {@link OutageBreaker}).
 *
 * <p>When a call fails, the {@link RetryDecision} says what follows and the loop carries it out:
 * call again after a wait (counted against {@code max-attempts} or not), split the segment, give up
 * (the episode fails) or stop (the run's gateway is down or refused the configuration). When a call
 * completes, the {@link FidelityCheck} judges the reading; a rejected one is read again with
 * {@linkplain NarratorInstructions#stricter stricter instructions}, up to {@code fidelity.attempts}
 * readings, each with {@code max-attempts} of its own. Every wait is spent in the breaker, which cuts
 * it short when the run stops. Audio streams to a temporary file and is kept only when accepted.
 * Stateless between calls; thread-safe.
 */
final class SegmentNarrator {

    private final FidelityCheck fidelity;
    private final int readings;
    private final NarrationPlan planner;
    private final OutageBreaker breaker;
    private final RetryDecision decision;
    private final SegmentAttempt attempts;
    private final DoubleSupplier random;

    /** @param random uniform in [0, 1), for the back-off's jitter */
    SegmentNarrator(
            FidelityLimits settings,
            NarrationPlan planner,
            AttemptLog attemptLog,
            OutageBreaker breaker,
            RetryDecision decision,
            DoubleSupplier random) {
        this.fidelity = new FidelityCheck(settings);
        this.readings = settings.attempts();
        this.planner = planner;
        this.breaker = breaker;
        this.decision = decision;
        this.attempts = new SegmentAttempt(attemptLog);
        this.random = random;
    }

    /** A narrated segment: kept, or to be narrated as shorter parts instead. */
    sealed interface Outcome permits Kept, SplitInto {}

    record Kept(SegmentCheckpoints.Take take) implements Outcome {}

    /** The response was cut at the output token cap: narrate these parts instead. */
    record SplitInto(List<PlannedSegment> parts) implements Outcome {}

    /**
     * @throws EpisodeNarrationException when the episode fails: the decision gave up, or no reading
     *     passed the fidelity check
     * @throws GatewayOutageException when the run stops: the gateway looks down or refused the
     *     configuration
     */
    Outcome narrate(EpisodeRun run, PlannedSegment segment) throws EpisodeNarrationException, IOException {
        Tries tries = new Tries();
        String instructions = run.sessions().instructions();
        TokenUsage spent = TokenUsage.ZERO;
        Duration wait = Duration.ZERO;
        SegmentCheckpoints.Recording recording = run.checkpoints().record(segment);
        boolean kept = false;
        try {
            while (true) {
                // What the server asked for, or the back-off; an outage cuts it short.
                breaker.pause(wait);
                tries.calling();
                SegmentAttempt.Call call = attempts.make(run, segment, instructions, recording);
                if (call instanceof SegmentAttempt.Failed failed) {
                    NextStep next = decision.next(failedCall(run, segment, failed, tries));
                    attempts.failed(run, segment, failed, next);
                    if (next instanceof NextStep.Retry retry) {
                        retrying(run, segment, retry.counting(), tries);
                        wait = retry.delay();
                        continue;
                    }
                    // The next call, if any, starts on a fresh connection.
                    run.sessions().close();
                    if (next instanceof NextStep.Split) {
                        return new SplitInto(planner.halves(segment));
                    }
                    if (next instanceof NextStep.GiveUp) {
                        run.spentOnRejected(spent);
                        throw run.failure(segment, failed.failure());
                    }
                    throw new GatewayOutageException();
                }
                SegmentAttempt.Answered answered = (SegmentAttempt.Answered) call;
                breaker.succeeded();
                spent = spent.plus(answered.result().usage());
                // Against what was sent: the model was asked to say the spoken form.
                FidelityCheck.Verdict verdict = fidelity.check(
                        segment.spoken().text(),
                        answered.result().transcript(),
                        recording.bytes(),
                        run.script().speed());
                String problem = verdict.problem();
                if (problem == null) { // passed
                    attempts.accepted(run, segment, answered);
                    SegmentCheckpoints.Take take = run.checkpoints()
                            .keep(
                                    segment,
                                    recording,
                                    new SegmentCheckpoints.Take(
                                            recording.bytes(),
                                            answered.result().transcript(),
                                            verdict.errors(),
                                            verdict.referenceWords(),
                                            spent,
                                            answered.result().marks(),
                                            snapshot(run, answered.result())));
                    kept = true;
                    return new Kept(take);
                }
                attempts.rejected(run, segment, answered, tries.reading, readings, problem);
                if (tries.reading == readings) {
                    run.spentOnRejected(spent);
                    throw run.rejected(segment, verdict, readings);
                }
                instructions = NarratorInstructions.stricter(
                        run.sessions().instructions(), problem, segment.spoken().text());
                tries.nextReading();
                wait = Duration.ZERO;
            }
        } finally {
            if (!kept) {
                recording.discard();
            }
        }
    }

    /** The snapshot that read it: as the response named it, else as its session did. */
    private static @Nullable String snapshot(EpisodeRun run, SegmentResult result) {
        return result.modelSnapshot() != null
                ? result.modelSnapshot()
                : run.sessions().modelSnapshot();
    }

    /** The failure as the decision sees it, once the breaker has heard of it. */
    private FailedCall failedCall(EpisodeRun run, PlannedSegment segment, SegmentAttempt.Failed failed, Tries tries) {
        RealtimeException e = failed.failure();
        OutageBreaker.Blame blame = breaker.failed(run.script().id(), e, failed.connecting());
        return new FailedCall(
                e.kind(),
                e.retryAfter().orElse(null),
                blame,
                breaker.isTripped(),
                tries.attempt,
                run.maxAttempts(),
                run.gatewayFailures(segment),
                tries.throttled,
                tries.attemptTime(),
                planner.halves(segment).size() >= 2,
                random.getAsDouble());
    }

    private static void retrying(EpisodeRun run, PlannedSegment segment, NextStep.Counting counting, Tries tries) {
        switch (counting) {
            case THROTTLED:
                // A session that is still usable is kept.
                run.throttled(segment);
                tries.throttled++;
                break;
            case GATEWAYS_FAULT:
                run.gatewayFailed(segment);
                run.sessions().close();
                break;
            case COUNTED:
                tries.nextAttempt();
                run.sessions().close();
                break;
            default:
                throw new IllegalStateException("unknown counting " + counting);
        }
    }

    /**
     * Where one segment's narration stands: its reading, the counted attempt within it, and that
     * attempt's throttled calls and time (its throttle budget runs from its first call).
     */
    private static final class Tries {

        private static final long NOT_STARTED = -1;

        int reading = 1;
        int attempt = 1;
        int throttled;
        private long attemptStarted = NOT_STARTED;

        /** A call is about to be made; the first of an attempt starts its clock. */
        void calling() {
            if (attemptStarted == NOT_STARTED) {
                attemptStarted = System.nanoTime();
            }
        }

        Duration attemptTime() {
            return Duration.ofNanos(System.nanoTime() - attemptStarted);
        }

        void nextAttempt() {
            attempt++;
            throttled = 0;
            attemptStarted = NOT_STARTED;
        }

        void nextReading() {
            reading++;
            attempt = 0;
            nextAttempt();
        }
    }
}
