package dev.nightcast.narration;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

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
 * both halves are narrated instead. Not thread-safe per call; one instance serves many threads.
 */
final class EpisodeNarrator {

    private final RealtimeGateway gateway;
    private final NarrationProperties settings;
    private final Segmenter segmenter;
    private final RetryBackoff backoff;
    private final AttemptLog attemptLog;

    EpisodeNarrator(RealtimeGateway gateway, NarrationProperties settings, RetryBackoff backoff,
            AttemptLog attemptLog) {
        this.gateway = gateway;
        this.settings = settings;
        this.segmenter = new Segmenter(settings.maxSegmentWords());
        this.backoff = backoff;
        this.attemptLog = attemptLog;
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
                        throw run.failure(index, e);
                    }
                    // The cap cut this text mid-sentence: narrate it as two shorter segments instead.
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
        private final RetryPolicy<SegmentResult> retryPolicy;
        private final StringBuilder transcript = new StringBuilder();
        private RealtimeSession session;
        private TokenUsage usage = TokenUsage.ZERO;
        private int attempts;

        Run(EpisodeScript script, int maxAttempts) {
            this.script = script;
            this.sessionSettings = new SessionSettings(script.voice(),
                    NarratorInstructions.forEpisode(script.instructions()));
            this.retryPolicy = RetryPolicy.<SegmentResult>builder()
                    .handleIf(failure -> failure instanceof RealtimeException e && e.isTransient())
                    .withMaxAttempts(maxAttempts)
                    .withDelayFn(context -> backoff.delay(context.getAttemptCount(),
                            context.getLastException() instanceof RealtimeException e ? e.retryAfter().orElse(null)
                                    : null))
                    .build();
        }

        SegmentResult narrateWithRetry(int index, String text, WavWriter wav) throws RealtimeException, IOException {
            long mark = wav.mark();
            try {
                return Failsafe.with(retryPolicy).get(context -> attempt(index, context.getAttemptCount() + 1, text,
                        wav, mark));
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
                    session = gateway.open(sessionSettings);
                }
                SegmentResult result = session.narrate(
                        new SegmentRequest(script.id(), index, attempt, text, sessionSettings.instructions()),
                        wav::write);
                usage = usage.plus(result.usage());
                attemptLog.succeeded(script.id(), index, attempt, Duration.ofNanos(System.nanoTime() - started));
                return result;
            } catch (RealtimeException e) {
                attemptLog.failed(script.id(), index, attempt, Duration.ofNanos(System.nanoTime() - started), e);
                // The next attempt starts from a clean file and a fresh connection.
                wav.rewindTo(mark);
                closeSession();
                throw e;
            }
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
