package dev.nightcast.deployment;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

import dev.nightcast.realtime.AudioSink;
import dev.nightcast.realtime.RateLimit;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.RealtimeSession;
import dev.nightcast.realtime.SegmentRequest;
import dev.nightcast.realtime.SegmentResult;

/**
 * A session of a {@link DeploymentPool}: tells its deployment's {@link DeploymentHealth} how each
 * response ended. The first response of a probe decides the probe. Not thread-safe, like the
 * session it wraps.
 */
final class PooledSession implements RealtimeSession {

    private final RealtimeSession delegate;
    private final DeploymentHealth health;
    private final DeploymentPool pool;
    private boolean probe;

    PooledSession(RealtimeSession delegate, DeploymentHealth health, boolean probe, DeploymentPool pool) {
        this.delegate = delegate;
        this.health = health;
        this.probe = probe;
        this.pool = pool;
    }

    @Override
    public SegmentResult narrate(SegmentRequest request, AudioSink sink) throws RealtimeException {
        boolean wasProbe = probe;
        probe = false;
        try {
            SegmentResult result = delegate.narrate(request, sink);
            health.succeeded();
            pool.signal();
            return result;
        } catch (RealtimeException e) {
            RealtimeException answer = pool.failed(health, e, request.episodeId(), wasProbe);
            pool.signal();
            throw answer;
        }
    }

    @Override
    public @Nullable String deployment() {
        return delegate.deployment();
    }

    @Override
    public @Nullable String modelSnapshot() {
        return delegate.modelSnapshot();
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
        if (probe) {
            probe = false;
            health.probeAbandoned();
            pool.signal();
        }
        delegate.close();
    }

    @Override
    public CompletionStage<Void> whenEnded() {
        return delegate.whenEnded();
    }
}
