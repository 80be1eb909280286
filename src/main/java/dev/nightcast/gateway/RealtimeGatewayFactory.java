package dev.nightcast.gateway;

import java.time.Clock;
import java.util.Locale;
import java.util.function.Function;

import com.azure.core.credential.TokenCredential;
import okhttp3.OkHttpClient;

import org.jspecify.annotations.Nullable;

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
    private @Nullable OkHttpClient client;
    private @Nullable RealtimeSimulator simulator;

    public RealtimeGatewayFactory(GatewayProperties properties) {
        this(properties, EntraIdCredentials::defaultChain, Clock.systemUTC());
    }

    /**
     * @param entraCredential used by {@code azure} without an API key: builds the credential over the
     *     factory's client; called at the first connection
     */
    RealtimeGatewayFactory(GatewayProperties properties,
            Function<OkHttpClient, ? extends TokenCredential> entraCredential, Clock clock) {
        this.properties = properties;
        this.entraCredential = entraCredential;
        this.clock = clock;
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
                OkHttpClient shared = client();
                endpoint = Endpoints.azure(properties.azure(), () -> entraCredential.apply(shared));
            }
            case "openai" -> endpoint = Endpoints.openai(properties.openai());
            case "simulator" -> endpoint = simulatorEndpoint();
            default -> throw new GatewayConfigException("unknown gateway '" + gateway
                    + "'; use azure, openai or simulator");
        }
        return new OkHttpRealtimeGateway(client(), endpoint, properties.timeouts(), clock);
    }

    private RealtimeEndpoint simulatorEndpoint() {
        if (simulator == null) {
            GatewayProperties.Simulator s = properties.simulator();
            simulator = RealtimeSimulator.start(new SimulatorSettings(s.realtimeFactor(), s.firstAudioLatency(),
                    s.wordsPerMinute(), SimulatorSettings.SERVICE_MAX_OUTPUT_TOKENS));
        }
        String deployment = properties.azure().deployment();
        // A model name of its own keeps simulated episodes from passing for real narrations in fingerprints.
        return new RealtimeEndpoint(Endpoints.azureUrl(simulator.baseUrl(), deployment),
                "simulator/" + deployment, ConnectionAuth.header("api-key", SIMULATOR_KEY));
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
