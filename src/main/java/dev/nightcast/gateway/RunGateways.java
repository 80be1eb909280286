package dev.nightcast.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import dev.nightcast.deployment.DeploymentPool;
import dev.nightcast.realtime.RealtimeGateway;
import dev.nightcast.throughput.ThrottledGateway;

/**
 * One gateway per kind for the life of the process, shared by every worker: the simulator is
 * started once, and one OkHttp client pools its threads for the whole run.
 *
 * <p>Narration goes through a {@link ThrottledGateway} around it, one per kind and run shape
 * (concurrency, requests per minute), shared by all workers of a run: it keeps as many sessions
 * in flight as the gateway accepts, up to {@code concurrency}, and what it learnt about the
 * gateway's quota carries over to the next run of the same shape in this process.
 */
@Component
public class RunGateways {

    private final RealtimeGatewayFactory factory;
    private final Map<String, RealtimeGateway> gateways = new ConcurrentHashMap<>();
    private final Map<RunShape, ThrottledGateway> throttled = new ConcurrentHashMap<>();

    public RunGateways(RealtimeGatewayFactory factory) {
        this.factory = factory;
    }

    /** The bare gateway; creating it checks its configuration. */
    public RealtimeGateway get(String kind) {
        return gateways.computeIfAbsent(kind, factory::create);
    }

    /**
     * The gateway one execution narrates with, shared by its workers: with
     * {@code nightcast.gateway.deployments} listed (and {@code gateway=azure}), a fresh
     * {@link DeploymentPool} over them, each deployment behind a throttle of its own; otherwise
     * {@link #forRun}.
     */
    public RealtimeGateway forExecution(String kind, int concurrency, int maxRequestsPerMinute) {
        if ("azure".equalsIgnoreCase(kind.strip()) && factory.hasDeploymentList()) {
            return factory.pool(concurrency, maxRequestsPerMinute);
        }
        return forRun(kind, concurrency, maxRequestsPerMinute);
    }

    /** The gateway narration uses with one deployment: {@link #get} behind the run's adaptive throttle. */
    public ThrottledGateway forRun(String kind, int concurrency, int maxRequestsPerMinute) {
        return throttled.computeIfAbsent(
                new RunShape(kind, concurrency, maxRequestsPerMinute),
                shape -> new ThrottledGateway(get(kind), concurrency, maxRequestsPerMinute));
    }

    private record RunShape(String kind, int concurrency, int maxRequestsPerMinute) {}
}
