package dev.nightcast.narration;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.nightcast.audio.WavWriter;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.RealtimeGateway;
import dev.nightcast.realtime.RealtimeSession;
import dev.nightcast.realtime.SegmentRequest;
import dev.nightcast.realtime.SegmentResult;
import dev.nightcast.realtime.SessionSettings;
import dev.nightcast.realtime.TokenUsage;
import dev.nightcast.script.EpisodeScript;

/**
 * Narrates one episode segment by segment into one WAV file, reusing a session between segments.
 *
 * <p>A failed attempt cuts its partial audio off the file, drops the connection and, when the
 * failure is transient, retries the same segment on a fresh connection after a jittered back-off;
 * segments already narrated are kept. A response cut at the output token cap is split in two and
 * both halves are narrated instead. Every attempt is recorded, logged as one line and reported to
 * the run's {@link OutageBreaker}; once that trips, no further attempt starts and the episode stops
 * with a {@link GatewayOutageException} instead of failing. Not thread-safe per call; one instance
 * serves many threads.
 */
final class EpisodeNarrator {

    private static final Logger log = LoggerFactory.getLogger(EpisodeNarrator.class);
    private static final double PCM_BYTES_PER_SECOND = 48_000.0;

    private final RealtimeGateway gateway;
    private final NarrationProperties settings;
    private final Segmenter segmenter;
    private final RetryBackoff backoff;
    private final AttemptLog attemptLog;
    private final OutageBreaker breaker;

    EpisodeNarrator(RealtimeGateway gateway, NarrationProperties settings, RetryBackoff backoff,
            AttemptLog attemptLog, OutageBreaker breaker) {
        this.gateway = gateway;
        this.settings = settings;
        this.segmenter = new Segmenter(settings.maxSegmentWords());
        this.backoff = backoff;
        this.attemptLog = attemptLog;
        this.breaker = breaker;
    }

    record Result(String transcript, long audioBytes, int segments, TokenUsage usage, int attempts) {
    }

    Result narrate(EpisodeScript script, Path wavFile, int maxAttempts) throws EpisodeNarrationException, IOException {
        Run run = new Run(script, maxAttempts);
        try (WavWriter wav = WavWriter.create(wavFile)) {
            Deque<String> pending = new ArrayDeque<>(segmenter.split(script.text()));
            int index = 0;
            while (!pending.isEmpty()) {
                String text = pending.pop();
                long segmentStart = wav.mark();
                if (index > 0) {
                    wav.writeSilence(settings.segmentPause());
                }
                try {
                    SegmentResult result = run.narrateWithRetry(index, text, wav);
                    run.transcript.append(run.transcript.isEmpty() ? "" : "\n\n").append(result.transcript());
                    index++;
                } catch (RealtimeException e) {
                    wav.rewindTo(segmentStart);
                    List<String> halves = RealtimeException.MAX_OUTPUT_TOKENS.equals(e.code()) ? halve(text) : List.of();
                    if (halves.size() < 2) {
                        if (e.isTransient() && breaker.retriesRanOut(script.id())) {
                            // Its retries ran out in the outage: not done, not failed; the next run narrates it.
                            throw new GatewayOutageException();
                        }
                        throw run.failure(index, e);
                    }
                    // The cap cut this text mid-sentence: narrate it as two shorter segments instead.
                    log.info("episode={} segment={}: cut at the output token cap, narrating it as {} shorter segments",
                            script.id(), index + 1, halves.size());
                    for (int i = halves.size() - 1; i >= 0; i--) {
                        pending.push(halves.get(i));
                    }
                }
            }
            return new Result(run.transcript.toString(), wav.dataBytes(), index, run.usage, run.attempts);
        } finally {
            run.closeSession();
        }
    }

    private List<String> halve(String text) {
        int words = Segmenter.wordCount(text);
        if (words < 20) {
            return List.of();
        }
        return new Segmenter(Math.max(10, words / 2 + 1)).split(text);
    }

    /** State of one episode's narration: the open session, counters, transcript. */
    private final class Run {

        private final EpisodeScript script;
        private final SessionSettings sessionSettings;
        private final int maxAttempts;
        private final RetryPolicy<SegmentResult> retryPolicy;
        private final StringBuilder transcript = new StringBuilder();
        private RealtimeSession session;
        private TokenUsage usage = TokenUsage.ZERO;
        private int attempts;
        /** The back-off chosen when the last attempt failed, waited before the next one. */
        private Duration backoffDelay = Duration.ZERO;

        Run(EpisodeScript script, int maxAttempts) {
            this.script = script;
            this.sessionSettings = new SessionSettings(script.voice(),
                    NarratorInstructions.forEpisode(script.instructions()));
            this.maxAttempts = maxAttempts;
            // Failsafe decides what is retried and how often. The back-off is waited in the breaker
            // instead (see narrateWithRetry), so that a gateway outage cuts every worker's wait short.
            this.retryPolicy = RetryPolicy.<SegmentResult>builder()
                    .handleIf(failure -> failure instanceof RealtimeException e && e.isTransient())
                    .withMaxAttempts(maxAttempts)
                    .build();
        }

        SegmentResult narrateWithRetry(int index, String text, WavWriter wav) throws RealtimeException, IOException {
            long mark = wav.mark();
            try {
                return Failsafe.with(retryPolicy).get(context -> {
                    breaker.pause(context.isFirstAttempt() ? Duration.ZERO : backoffDelay);
                    return attempt(index, context.getAttemptCount() + 1, text, wav, mark);
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

        private SegmentResult attempt(int index, int attempt, String text, WavWriter wav, long mark)
                throws RealtimeException, IOException {
            attempts++;
            long started = System.nanoTime();
            try {
                if (session == null || !session.isUsable()) {
                    closeSession();
                    session = open(index, attempt);
                }
                SegmentResult result = session.narrate(
                        new SegmentRequest(script.id(), index, attempt, text, sessionSettings.instructions()),
                        wav::write);
                usage = usage.plus(result.usage());
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                attemptLog.succeeded(script.id(), index, attempt, took);
                breaker.succeeded();
                log.info("episode={} segment={} attempt={} outcome=ok latency={}ms audio={}s", script.id(), index + 1,
                        attempt, took.toMillis(),
                        String.format(Locale.ROOT, "%.2f", result.audioBytes() / PCM_BYTES_PER_SECOND));
                return result;
            } catch (RealtimeException e) {
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                attemptLog.failed(script.id(), index, attempt, took, e);
                breaker.failed(script.id(), e);
                log.warn("episode={} segment={} attempt={} outcome={} {} latency={}ms next=\"{}\" error=\"{}\"",
                        script.id(), index + 1, attempt, e.kind(), e.code(), took.toMillis(), next(e, attempt),
                        e.getMessage());
                // The next attempt starts from a clean file and a fresh connection.
                wav.rewindTo(mark);
                closeSession();
                throw e;
            }
        }

        /** Opens a session; its failures name the episode and segment, which the gateway cannot know. */
        private RealtimeSession open(int index, int attempt) throws RealtimeException {
            try {
                return gateway.open(sessionSettings);
            } catch (RealtimeException e) {
                throw new RealtimeException(e.kind(), e.code(), "episode " + script.id() + " segment " + (index + 1)
                        + " attempt " + attempt + ": " + e.getMessage(), e.retryAfter().orElse(null), e);
            }
        }

        /** What follows a failed attempt; chooses the back-off when it is a retry. */
        private String next(RealtimeException e, int attempt) {
            if (!e.isTransient()) {
                return RealtimeException.MAX_OUTPUT_TOKENS.equals(e.code()) ? "split the segment"
                        : "give up (permanent)";
            }
            if (breaker.isTripped()) {
                return "stop (gateway outage)";
            }
            if (attempt >= maxAttempts) {
                return "give up (" + maxAttempts + " attempts used)";
            }
            Duration retryAfter = e.retryAfter().orElse(null);
            // A session at its maximum duration is expected: reconnect at once.
            backoffDelay = "session_expired".equals(e.code()) ? Duration.ZERO : backoff.delay(attempt, retryAfter);
            return "retry in " + backoffDelay.toMillis() + " ms"
                    + (retryAfter != null && backoffDelay.equals(retryAfter) ? " (Retry-After)" : "");
        }

        EpisodeNarrationException failure(int index, RealtimeException e) {
            String reason = "segment " + (index + 1) + " failed after " + attempts + " attempt(s): " + e.getMessage();
            return new EpisodeNarrationException(e.kind(), e.code(), reason, attempts, usage, e);
        }

        void closeSession() {
            if (session != null) {
                session.close();
                session = null;
            }
        }
    }
}
