package dev.nightcast.narration;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.nightcast.assembly.PlannedSegment;
import dev.nightcast.assembly.SegmentCheckpoints;
import dev.nightcast.audio.PcmFormat;
import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.RealtimeSession;
import dev.nightcast.realtime.SegmentRequest;
import dev.nightcast.realtime.SegmentResult;
import dev.nightcast.retry.NextStep;

/**
 * One gateway call for a segment, and its record: the one place that writes a call's row in the
 * {@link AttemptLog} and its one log line ({@code episode=… segment=… attempt=… outcome=…}, see
 * DESIGN "Logs"). What follows a failed call is decided elsewhere ({@code retry.RetryDecision}) and
 * only worded here. Stateless; thread-safe.
 */
final class SegmentAttempt {

    private static final Logger log = LoggerFactory.getLogger(SegmentAttempt.class);

    private final AttemptLog attemptLog;

    SegmentAttempt(AttemptLog attemptLog) {
        this.attemptLog = attemptLog;
    }

    /** How a call ended. */
    sealed interface Call permits Answered, Failed {}

    /** A completed response, not yet judged by the fidelity check. */
    /** @param deployment the deployment that answered, or null when the gateway does not say */
    record Answered(
            SegmentResult result,
            int attempt,
            Duration took,
            @Nullable String deployment) implements Call {}

    /** @param connecting whether it failed while opening a session, before any of the episode was sent */
    record Failed(RealtimeException failure, int attempt, Duration took, boolean connecting) implements Call {}

    /** Makes the call; a completed response is logged at once, a failure once its next step is decided. */
    Call make(EpisodeRun run, PlannedSegment segment, String instructions, SegmentCheckpoints.Recording recording)
            throws IOException {
        int attempt = run.nextAttempt(segment);
        long started = System.nanoTime();
        // Every call starts from an empty recording: a failed one may have left partial audio.
        recording.restart();
        boolean connecting = true;
        try {
            RealtimeSession session = open(run, segment, attempt);
            connecting = false;
            SegmentResult result = session.narrate(
                    new SegmentRequest(
                            run.script().id(),
                            segment.index(),
                            attempt,
                            segment.spoken().text(),
                            instructions),
                    recording);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            log.info(
                    "episode={} segment={} attempt={} outcome=ok latency={}ms audio={}s{}",
                    run.script().id(),
                    segment.index() + 1,
                    attempt,
                    took.toMillis(),
                    String.format(Locale.ROOT, "%.2f", result.audioBytes() / (double) PcmFormat.BYTE_RATE),
                    on(session.deployment()));
            return new Answered(result, attempt, took, session.deployment());
        } catch (RealtimeException e) {
            return new Failed(e, attempt, Duration.ofNanos(System.nanoTime() - started), connecting);
        }
    }

    /** The segment's voice's session; its failures name the episode and segment, which the gateway cannot know. */
    private static RealtimeSession open(EpisodeRun run, PlannedSegment segment, int attempt) throws RealtimeException {
        try {
            return run.sessions().session(segment.voice());
        } catch (RealtimeException e) {
            RealtimeException named = new RealtimeException(
                    e.kind(),
                    e.code(),
                    "episode " + run.script().id() + " segment " + (segment.index() + 1) + " attempt " + attempt + ": "
                            + e.getMessage(),
                    e.retryAfter().orElse(null),
                    e);
            String deployment = e.deployment();
            throw deployment == null ? named : named.failedOn(deployment);
        }
    }

    /** The reading passed the fidelity check and is kept. */
    void accepted(EpisodeRun run, PlannedSegment segment, Answered call) {
        attemptLog.succeeded(run.script().id(), segment.index(), call.attempt(), call.took(), call.deployment());
    }

    /** The reading failed the fidelity check for {@code problem}. */
    void rejected(EpisodeRun run, PlannedSegment segment, Answered call, int reading, int readings, String problem) {
        attemptLog.rejected(
                run.script().id(), segment.index(), call.attempt(), call.took(), problem, call.deployment());
        log.warn(
                "Episode {} {}: reading {} of {} rejected: {}",
                run.script().id(),
                run.describe(segment),
                reading,
                readings,
                problem);
    }

    /**
     * The call failed and {@code next} follows. A throttled call made again without counting is
     * {@code THROTTLED} (with the wait), any other failed call {@code FAILED}.
     */
    void failed(EpisodeRun run, PlannedSegment segment, Failed call, NextStep next) {
        String episode = run.script().id();
        RealtimeException e = call.failure();
        if (next instanceof NextStep.Retry retry && retry.counting() == NextStep.Counting.THROTTLED) {
            attemptLog.throttled(episode, segment.index(), call.attempt(), call.took(), e, retry.delay());
            log.info(
                    "episode={} segment={} attempt={} outcome=THROTTLED {} latency={}ms{} next=\"{}\" error=\"{}\"",
                    episode,
                    segment.index() + 1,
                    call.attempt(),
                    e.code(),
                    call.took().toMillis(),
                    on(e.deployment()),
                    next.describe(),
                    e.getMessage());
            return;
        }
        attemptLog.failed(episode, segment.index(), call.attempt(), call.took(), e);
        log.warn(
                "episode={} segment={} attempt={} outcome={} {} latency={}ms{} next=\"{}{}\" error=\"{}\"",
                episode,
                segment.index() + 1,
                call.attempt(),
                e.kind().recordedAs(),
                e.code(),
                call.took().toMillis(),
                on(e.deployment()),
                throttleBudgetSpent(e.kind(), next) ? "throttle budget spent, " : "",
                next.describe(),
                e.getMessage());
    }

    /** The log line's {@code deployment=…}, when the gateway names the deployment. */
    private static String on(@Nullable String deployment) {
        return deployment == null ? "" : " deployment=" + deployment;
    }

    /** A throttled call that counts against {@code max-attempts}: its attempt's throttle budget is spent. */
    private static boolean throttleBudgetSpent(FailureKind kind, NextStep next) {
        return kind == FailureKind.THROTTLED
                && (next instanceof NextStep.GiveUp
                        || next instanceof NextStep.Retry retry && retry.counting() == NextStep.Counting.COUNTED);
    }
}
