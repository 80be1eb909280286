package dev.nightcast.throughput;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import dev.nightcast.realtime.AudioSink;
import dev.nightcast.realtime.RateLimit;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.RealtimeSession;
import dev.nightcast.realtime.SegmentRequest;
import dev.nightcast.realtime.SegmentResult;

/**
 * A session of a {@link ThrottledGateway}: each response waits for room in the {@link Throttle};
 * throttling reported inside the session lowers the limit; a spent quota in
 * {@code rate_limits.updated} pauses new starts until it refills.
 *
 * <p>A response throttled before any audio arrived ({@code rate_limit_exceeded} in reply to
 * {@code response.create}, or a failed {@code response.done} with a rate-limit code and no audio)
 * is sent again on the same session after the server's wait, within the throttle budget, without
 * reaching the caller. Once audio went to the sink the failure is the caller's to handle (it
 * rewinds and retries as an attempt).
 *
 * <p>{@link #close()} frees the session's slot only when the server has seen the session end, so
 * the next session is not refused by a server still counting this one. Not thread-safe, like the
 * session it wraps.
 */
final class ThrottledSession implements RealtimeSession {

    /** A server that never answers our close frame: stop waiting for it after this. */
    static final Duration END_WAIT = Duration.ofSeconds(5);

    private final RealtimeSession delegate;
    private final Throttle throttle;
    private final Supplier<Patience> patience;
    private final AtomicBoolean closed = new AtomicBoolean();
    private List<RateLimit> seenRateLimits = List.of();

    ThrottledSession(RealtimeSession delegate, Throttle throttle, Supplier<Patience> patience) {
        this.delegate = delegate;
        this.throttle = throttle;
        this.patience = patience;
    }

    @Override
    public SegmentResult narrate(SegmentRequest request, AudioSink sink) throws RealtimeException {
        Patience calm = null;
        while (true) {
            long generation;
            try {
                generation = throttle.enterResponse();
            } catch (InterruptedException e) {
                throw Patience.interrupted(e, "while waiting for room to narrate episode " + request.episodeId()
                        + " segment " + request.segmentIndex());
            }
            CountingSink counting = new CountingSink(sink);
            try {
                SegmentResult result = delegate.narrate(request, counting);
                throttle.responseSucceeded();
                readQuotas(generation);
                return result;
            } catch (RealtimeException e) {
                if (!e.isRateLimited()) {
                    throttle.responseEnded();
                    readQuotas(generation);
                    throw e;
                }
                throttle.responseThrottled(generation, e.code());
                readQuotas(generation);
                if (counting.bytes > 0 || !delegate.isUsable()) {
                    throw e;
                }
                calm = calm != null ? calm : patience.get();
                calm.waitAfter(e);
            } catch (RuntimeException e) {
                throttle.responseEnded();
                throw e;
            }
        }
    }

    private void readQuotas(long generation) {
        List<RateLimit> limits = delegate.rateLimits();
        if (limits == seenRateLimits) {
            return; // nothing new since the last response
        }
        seenRateLimits = limits;
        QuotaReading.spent(limits).ifPresent(spent -> throttle.quotaExhausted(generation,
                QuotaReading.refill(spent), spent.name()));
    }

    @Override
    public boolean isUsable() {
        return delegate.isUsable();
    }

    @Override
    public List<RateLimit> rateLimits() {
        return delegate.rateLimits();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        delegate.close();
        delegate.whenEnded().toCompletableFuture().copy()
                .orTimeout(END_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ended, timedOut) -> throttle.sessionEnded());
    }

    @Override
    public CompletionStage<Void> whenEnded() {
        return delegate.whenEnded();
    }

    /** Passes audio on and remembers whether any arrived, which decides who retries a throttled response. */
    private static final class CountingSink implements AudioSink {

        private final AudioSink sink;
        private long bytes;

        CountingSink(AudioSink sink) {
            this.sink = sink;
        }

        @Override
        public void accept(ByteBuffer pcm) throws IOException {
            bytes += pcm.remaining();
            sink.accept(pcm);
        }
    }
}
