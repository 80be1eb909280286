package dev.nightcast.realtime.websocket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.nightcast.realtime.AudioSink;
import dev.nightcast.realtime.RateLimit;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.RealtimeSession;
import dev.nightcast.realtime.SegmentRequest;
import dev.nightcast.realtime.SegmentResult;
import dev.nightcast.realtime.protocol.ClientEvents;
import dev.nightcast.realtime.protocol.ServerEvent;

/**
 * A configured session on one WebSocket. Drives one response at a time on the caller's thread:
 * the audio sink is called on that thread too, so its exceptions, locks and transactions behave
 * as in plain sequential code.
 *
 * <p>After a failure that leaves the stream in an unknown state (timeout, close, malformed frame,
 * sink failure, an error mid-response) the socket is dropped and {@link #isUsable()} turns false;
 * after a clean {@code response.done} of any status the session can be reused, until shortly
 * before the server's {@code expires_at} (Azure ends sessions after 30 minutes).
 */
public final class OkHttpRealtimeSession implements RealtimeSession {

    private static final Logger log = LoggerFactory.getLogger(OkHttpRealtimeSession.class);
    private static final double PCM_BYTES_PER_SECOND = 48_000.0;
    /** No new response this close to {@code expires_at}: the server could cut it off mid-segment. */
    static final Duration EXPIRY_MARGIN = Duration.ofMinutes(2);

    private final EventStream events;
    private final Timeouts timeouts;
    private final @Nullable Instant retireAt;
    private final Clock clock;
    private final double speed;
    private volatile boolean usable = true;
    private volatile List<RateLimit> rateLimits = List.of();
    private final @Nullable String modelSnapshot;

    /**
     * @param expiresAt the server's {@code expires_at}, or null when unknown
     * @param speed the session's {@code audio.output.speed}
     * @param modelSnapshot what {@code session.created} named as the model, or null
     */
    OkHttpRealtimeSession(
            EventStream events,
            Timeouts timeouts,
            @Nullable Instant expiresAt,
            Clock clock,
            double speed,
            @Nullable String modelSnapshot) {
        this.modelSnapshot = modelSnapshot;
        this.events = events;
        this.timeouts = timeouts;
        this.retireAt = expiresAt == null ? null : expiresAt.minus(EXPIRY_MARGIN);
        this.clock = clock;
        this.speed = speed;
    }

    @Override
    public @Nullable String modelSnapshot() {
        return modelSnapshot;
    }

    @Override
    public SegmentResult narrate(SegmentRequest request, AudioSink sink) throws RealtimeException {
        String subject = "episode " + request.episodeId() + " segment " + (request.segmentIndex() + 1) + " attempt "
                + request.attempt();
        long start = System.nanoTime();
        ResponseCollector collector = new ResponseCollector(sink, subject, speed, events.settings());
        try {
            SegmentResult result = respond(request, collector, subject, start);
            logOutcome(request, "completed", start, collector.audioBytes());
            return result;
        } catch (RealtimeException e) {
            settleOrDrop(collector);
            logOutcome(request, e.kind().recordedAs() + " " + e.code(), start, collector.audioBytes());
            throw e;
        } catch (RuntimeException e) {
            settleOrDrop(collector);
            logOutcome(request, "bug " + e.getClass().getSimpleName(), start, collector.audioBytes());
            throw e;
        } finally {
            if (collector.rateLimits() != null) {
                rateLimits = collector.rateLimits();
            }
        }
    }

    @Override
    public List<RateLimit> rateLimits() {
        return rateLimits;
    }

    @Override
    public CompletionStage<Void> whenEnded() {
        return events.connection().whenEnded();
    }

    private SegmentResult respond(SegmentRequest request, ResponseCollector collector, String subject, long start)
            throws RealtimeException {
        if (!isUsable()) {
            throw FailureClassifier.unusable(subject);
        }
        events.startResponse();
        if (!events.send(ClientEvents.responseCreate(request))) {
            throw FailureClassifier.sendFailed("response.create", subject);
        }
        Duration ceiling = timeouts.responseCeiling(words(request.text()));
        long deadline = start + ceiling.toNanos();
        long idle = timeouts.idle().toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            ServerEvent event = left > 0 ? events.next(Duration.ofNanos(Math.min(idle, left)), subject) : null;
            if (event == null) {
                throw deadline - System.nanoTime() <= 0
                        ? FailureClassifier.responseCeiling(ceiling, subject)
                        : FailureClassifier.idle(timeouts.idle(), subject);
            }
            ServerEvent.ResponseDone done = collector.accept(event);
            if (done != null) {
                if (events.hasDanglingByte()) {
                    log.debug("{}: dropping half a sample at the end of the audio", subject);
                }
                return collector.result(done, Duration.ofNanos(System.nanoTime() - start));
            }
        }
    }

    private void settleOrDrop(ResponseCollector collector) {
        if (!collector.settled()) {
            usable = false;
            events.connection().abort();
        }
    }

    @Override
    public boolean isUsable() {
        return usable
                && events.connection().isOpen()
                && (retireAt == null || clock.instant().isBefore(retireAt));
    }

    @Override
    public void close() {
        usable = false;
        events.connection().close();
    }

    /** Debug only: the narrator logs the one line per attempt that operators read, open failures included. */
    private static void logOutcome(SegmentRequest request, String outcome, long start, long audioBytes) {
        if (!log.isDebugEnabled()) {
            return;
        }
        log.debug(
                "episode={} segment={} attempt={} outcome={} latency={}ms audio={}s",
                request.episodeId(),
                request.segmentIndex() + 1,
                request.attempt(),
                outcome,
                (System.nanoTime() - start) / 1_000_000,
                String.format(Locale.ROOT, "%.2f", audioBytes / PCM_BYTES_PER_SECOND));
    }

    static int words(String text) {
        String t = text == null ? "" : text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }
}
