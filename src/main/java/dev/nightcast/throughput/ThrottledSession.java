package dev.nightcast.throughput;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import dev.nightcast.realtime.AudioSink;
import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RateLimit;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.RealtimeSession;
import dev.nightcast.realtime.SegmentRequest;
import dev.nightcast.realtime.SegmentResult;

/**
 * A session of a {@link ThrottledGateway}: each response waits for room in the {@link Throttle};
 * throttling reported inside the session ({@code rate_limit_exceeded}, a failed
 * {@code response.done} with a rate-limit code) lowers the limit and reaches the caller, who may
 * send the response again on this session while it {@linkplain #isUsable() is usable}; a spent
 * quota in {@code rate_limits.updated} pauses new starts until it refills.
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
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String deployment;
    private List<RateLimit> seenRateLimits = List.of();

    ThrottledSession(RealtimeSession delegate, Throttle throttle, String deployment) {
        this.delegate = delegate;
        this.throttle = throttle;
        this.deployment = deployment;
    }

    @Override
    public String deployment() {
        return deployment;
    }

    @Override
    public SegmentResult narrate(SegmentRequest request, AudioSink sink) throws RealtimeException {
        long generation;
        try {
            generation = throttle.enterResponse();
        } catch (InterruptedException e) {
            throw ThrottledGateway.interrupted(
                    e,
                    "while waiting for room to narrate episode " + request.episodeId() + " segment "
                            + (request.segmentIndex() + 1));
        }
        try {
            SegmentResult result = delegate.narrate(request, sink);
            throttle.responseSucceeded();
            readQuotas(generation);
            return result;
        } catch (RealtimeException e) {
            if (e.kind() == FailureKind.THROTTLED) {
                throttle.responseThrottled(generation, e.code());
            } else {
                throttle.responseEnded();
            }
            readQuotas(generation);
            throw e.failedOn(deployment);
        } catch (RuntimeException e) {
            throttle.responseEnded();
            throw e;
        }
    }

    private void readQuotas(long generation) {
        List<RateLimit> limits = delegate.rateLimits();
        if (limits == seenRateLimits) {
            return; // nothing new since the last response
        }
        seenRateLimits = limits;
        QuotaReading.spent(limits)
                .ifPresent(spent -> throttle.quotaExhausted(generation, QuotaReading.refill(spent), spent.name()));
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
    public @Nullable String modelSnapshot() {
        return delegate.modelSnapshot();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        delegate.close();
        delegate.whenEnded()
                .toCompletableFuture()
                .copy()
                .orTimeout(END_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ended, timedOut) -> throttle.sessionEnded());
    }

    @Override
    public CompletionStage<Void> whenEnded() {
        return delegate.whenEnded();
    }
}
