package dev.nightcast.metrics;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.jspecify.annotations.Nullable;

import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.RealtimeGateway;

/**
 * Counts and times every call to a gateway deployment: {@code nightcast.gateway.calls} (counter) and
 * {@code nightcast.gateway.latency} (timer with a histogram), tagged {@code call} ({@code connect}:
 * a session opened, handshake to {@code session.updated}; {@code response}: one segment, request to
 * {@code response.done}), {@code outcome} ({@code ok}, or the failure's kind in lower case:
 * {@code throttled}, {@code transient}, {@code session_expired}, {@code output_cap},
 * {@code permanent}, {@code configuration}; {@code error} for anything unclassified) and
 * {@code deployment} (see {@link #deploymentName}).
 *
 * <p>Each deployment's gateway is wrapped on its own ({@link #metered}), under the adaptive
 * throttle, so the calls are those the deployment answered, and a pool of deployments shows one
 * series per deployment. Thread-safe.
 */
public final class GatewayMetrics {

    static final String CALLS = "nightcast.gateway.calls";
    static final String LATENCY = "nightcast.gateway.latency";
    /** Bounds of the latency histogram: a handshake takes a fraction of a second, a response up to minutes. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Duration.ofSeconds(120)
    };

    private final MeterRegistry registry;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Measures nothing: for gateways made outside a Spring context (tests, tools). */
    public static GatewayMetrics none() {
        return new GatewayMetrics(new CompositeMeterRegistry());
    }

    /** {@code gateway} with each of its calls counted and timed under {@code deployment}. */
    public RealtimeGateway metered(RealtimeGateway gateway, String deployment) {
        return new MeteredGateway(gateway, this, deployment);
    }

    /**
     * How a deployment is named in metrics: the endpoint's host and the deployment (or model),
     * {@code my-res.openai.azure.com/gpt-realtime-mini}. Never a key, a port, a path or a query: the
     * name stays the same across restarts of a local simulator, and nothing secret can ride along.
     */
    public static String deploymentName(String url, String model) {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            host = null;
        }
        return (host == null ? "unknown-host" : host.toLowerCase(Locale.ROOT)) + "/" + model;
    }

    void record(String call, String deployment, @Nullable Throwable failure, long nanos) {
        String outcome = outcome(failure);
        Counter.builder(CALLS)
                .description("Calls to the Realtime gateway")
                .tags("call", call, "outcome", outcome, "deployment", deployment)
                .register(registry)
                .increment();
        Timer.builder(LATENCY)
                .description("How long calls to the Realtime gateway took, to their end")
                .tags("call", call, "outcome", outcome, "deployment", deployment)
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }

    private static String outcome(@Nullable Throwable failure) {
        if (failure == null) {
            return "ok";
        }
        return failure instanceof RealtimeException e ? e.kind().name().toLowerCase(Locale.ROOT) : "error";
    }
}
