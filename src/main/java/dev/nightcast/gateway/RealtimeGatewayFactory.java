package dev.nightcast.gateway;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import com.azure.core.credential.TokenCredential;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

import dev.nightcast.deployment.DeploymentPool;
import dev.nightcast.metrics.GatewayMetrics;
import dev.nightcast.realtime.GatewayConfigException;
import dev.nightcast.realtime.RealtimeGateway;
import dev.nightcast.realtime.websocket.ConnectionAuth;
import dev.nightcast.realtime.websocket.OkHttpRealtimeGateway;
import dev.nightcast.realtime.websocket.RealtimeEndpoint;
import dev.nightcast.simulator.RealtimeSimulator;
import dev.nightcast.simulator.SimulatorSettings;

/**
 * Creates the gateway named by the {@code gateway} job parameter: {@code azure} (Azure OpenAI GA,
 * API key or Entra ID), {@code openai}, or {@code simulator} (an in-process
 * {@link RealtimeSimulator} on loopback, started on first use and owned by this factory).
 *
 * <p>Thread-safe. All gateways, and Entra ID's token requests, share one {@link OkHttpClient} (one
 * connection pool, one set of threads). Nothing is started or probed until {@link #create} is called. {@link #close()} (called
 * by Spring at shutdown) stops the simulator and releases the client's threads.
 */
public class RealtimeGatewayFactory implements AutoCloseable {

    /** Sent to the simulator, which wants some key like the real service; not a secret. */
    static final String SIMULATOR_KEY = "simulator-key-not-a-secret";

    private final GatewayProperties properties;
    private final Function<OkHttpClient, ? extends TokenCredential> entraCredential;
    private final Clock clock;
    private final GatewayMetrics metrics;
    private @Nullable OkHttpClient client;
    private @Nullable RealtimeSimulator simulator;

    public RealtimeGatewayFactory(GatewayProperties properties) {
        this(properties, GatewayMetrics.none());
    }

    /** @param metrics counts and times every call of every gateway this factory makes, by deployment */
    public RealtimeGatewayFactory(GatewayProperties properties, GatewayMetrics metrics) {
        this(properties, EntraIdCredentials::defaultChain, Clock.systemUTC(), metrics);
    }

    /**
     * @param entraCredential used by {@code azure} without an API key: builds the credential over the
     *     factory's client; called at the first connection
     */
    RealtimeGatewayFactory(
            GatewayProperties properties,
            Function<OkHttpClient, ? extends TokenCredential> entraCredential,
            Clock clock) {
        this(properties, entraCredential, clock, GatewayMetrics.none());
    }

    private RealtimeGatewayFactory(
            GatewayProperties properties,
            Function<OkHttpClient, ? extends TokenCredential> entraCredential,
            Clock clock,
            GatewayMetrics metrics) {
        this.properties = properties;
        this.entraCredential = entraCredential;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * @param gateway {@code azure}, {@code openai} or {@code simulator} (case-insensitive)
     * @throws GatewayConfigException for an unknown name or a configuration that cannot work
     *     (e.g. {@code AZURE_OPENAI_ENDPOINT} missing)
     */
    public synchronized RealtimeGateway create(String gateway) {
        String name = gateway == null ? "" : gateway.strip().toLowerCase(Locale.ROOT);
        RealtimeEndpoint endpoint;
        switch (name) {
            case "azure" -> {
                if (hasDeploymentList()) {
                    // Checks every entry; narration uses a pool of its own per run (forRun).
                    return pool(1, 0);
                }
                OkHttpClient shared = client();
                endpoint = Endpoints.azure(properties.azure(), () -> entraCredential.apply(shared));
            }
            case "openai" -> endpoint = Endpoints.openai(properties.openai());
            case "simulator" -> endpoint = simulatorEndpoint();
            default ->
                throw new GatewayConfigException("unknown gateway '" + gateway + "'; use azure, openai or simulator");
        }
        // Metered per deployment, under the run's throttle: the calls counted are those this deployment answered.
        return metrics.metered(
                new OkHttpRealtimeGateway(client(), endpoint, properties.timeouts(), clock),
                GatewayMetrics.deploymentName(endpoint.url(), endpoint.model()));
    }

    /** Whether {@code nightcast.gateway.deployments} lists the deployments of {@code gateway=azure}. */
    public boolean hasDeploymentList() {
        return !properties.deployments().isEmpty();
    }

    /**
     * A fresh pool over the listed deployments (health starts afresh), for one run.
     *
     * @throws GatewayConfigException when an entry cannot work, or two entries name the same deployment
     */
    public DeploymentPool pool(int concurrency, int requestsPerMinute) {
        // A random start among equally loaded deployments, so that hosts with the same list spread
        // their first sessions instead of all meeting the first deployment's quota.
        return pool(
                concurrency,
                requestsPerMinute,
                ThreadLocalRandom.current()
                        .nextInt(Math.max(1, properties.deployments().size())));
    }

    /**
     * As {@link #pool(int, int)}, preferring the deployment at {@code firstPreferred} first among
     * equally loaded ones (tests that need to know where the first session goes).
     */
    public synchronized DeploymentPool pool(int concurrency, int requestsPerMinute, int firstPreferred) {
        OkHttpClient shared = client();
        // One Entra ID credential for every entry without a key: the token's scope covers them all.
        EntraIdAuth entraId = new EntraIdAuth(
                () -> entraCredential.apply(shared), properties.azure().scope());
        List<DeploymentPool.Member> members = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<GatewayProperties.Deployment> entries = properties.deployments();
        for (int i = 0; i < entries.size(); i++) {
            GatewayProperties.Deployment entry = entries.get(i);
            RealtimeEndpoint endpoint =
                    Endpoints.azureDeployment(i, entry, properties.azure().deployment(), entraId);
            if (!names.add(endpoint.name())) {
                throw new GatewayConfigException("nightcast.gateway.deployments[" + i + "] names deployment "
                        + endpoint.name() + " again; list each deployment once");
            }
            // Metered under the pool's own throttle: the calls counted are those this deployment answered.
            RealtimeGateway gateway = metrics.metered(
                    new OkHttpRealtimeGateway(shared, endpoint, properties.timeouts(), clock),
                    GatewayMetrics.deploymentName(endpoint.url(), endpoint.model()));
            members.add(new DeploymentPool.Member(gateway, entry.maxSessions(), entry.weight()));
        }
        // Every deployment serves the same model: the run's fingerprints and prices name it once.
        return new DeploymentPool(
                properties.azure().deployment(),
                members,
                concurrency,
                requestsPerMinute,
                properties.deploymentProbe(),
                clock,
                firstPreferred);
    }

    private RealtimeEndpoint simulatorEndpoint() {
        if (simulator == null) {
            GatewayProperties.Simulator s = properties.simulator();
            simulator = RealtimeSimulator.start(new SimulatorSettings(
                    s.realtimeFactor(),
                    s.firstAudioLatency(),
                    s.wordsPerMinute(),
                    SimulatorSettings.SERVICE_MAX_OUTPUT_TOKENS,
                    s.modelSnapshot()));
        }
        String deployment = properties.azure().deployment();
        // A model name of its own keeps simulated episodes from passing for real narrations in fingerprints.
        return new RealtimeEndpoint(
                Endpoints.azureUrl(simulator.baseUrl(), deployment),
                "simulator/" + deployment,
                ConnectionAuth.header("api-key", SIMULATOR_KEY));
    }

    private OkHttpClient client() {
        if (client == null) {
            client = new OkHttpClient();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
        if (client != null) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
            client = null;
        }
    }
}
