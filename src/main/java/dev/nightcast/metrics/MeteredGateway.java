package dev.nightcast.metrics;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

import dev.nightcast.realtime.AudioSink;
import dev.nightcast.realtime.RateLimit;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.RealtimeGateway;
import dev.nightcast.realtime.RealtimeSession;
import dev.nightcast.realtime.SegmentRequest;
import dev.nightcast.realtime.SegmentResult;
import dev.nightcast.realtime.SessionSettings;

/** One deployment's gateway, each {@code open} and {@code narrate} recorded in {@link GatewayMetrics}. */
final class MeteredGateway implements RealtimeGateway {

    private final RealtimeGateway gateway;
    private final GatewayMetrics metrics;
    private final String deployment;

    MeteredGateway(RealtimeGateway gateway, GatewayMetrics metrics, String deployment) {
        this.gateway = gateway;
        this.metrics = metrics;
        this.deployment = deployment;
    }

    @Override
    public RealtimeSession open(SessionSettings settings) throws RealtimeException {
        long started = System.nanoTime();
        try {
            RealtimeSession session = gateway.open(settings);
            metrics.record("connect", deployment, null, System.nanoTime() - started);
            return new MeteredSession(session);
        } catch (RealtimeException | RuntimeException e) {
            metrics.record("connect", deployment, e, System.nanoTime() - started);
            throw e;
        }
    }

    @Override
    public boolean hasRoom() {
        return gateway.hasRoom();
    }

    @Override
    public String model() {
        return gateway.model();
    }

    @Override
    public String deployment() {
        return gateway.deployment();
    }

    @Override
    public String toString() {
        return gateway.toString();
    }

    private final class MeteredSession implements RealtimeSession {

        private final RealtimeSession session;

        MeteredSession(RealtimeSession session) {
            this.session = session;
        }

        @Override
        public SegmentResult narrate(SegmentRequest request, AudioSink sink) throws RealtimeException {
            long started = System.nanoTime();
            try {
                SegmentResult result = session.narrate(request, sink);
                metrics.record("response", deployment, null, System.nanoTime() - started);
                return result;
            } catch (RealtimeException | RuntimeException e) {
                metrics.record("response", deployment, e, System.nanoTime() - started);
                throw e;
            }
        }

        @Override
        public @Nullable String modelSnapshot() {
            return session.modelSnapshot();
        }

        @Override
        public @Nullable String deployment() {
            return session.deployment();
        }

        @Override
        public boolean isUsable() {
            return session.isUsable();
        }

        @Override
        public List<RateLimit> rateLimits() {
            return session.rateLimits();
        }

        @Override
        public void close() {
            session.close();
        }

        @Override
        public CompletionStage<Void> whenEnded() {
            return session.whenEnded();
        }
    }
}
