package dev.nightcast.gateway;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

import dev.nightcast.realtime.websocket.Timeouts;

/**
 * Static settings of the Realtime gateways, bound from {@code nightcast.gateway.*}. Immutable;
 * every missing value falls back to the default documented on its component, so {@code new
 * GatewayProperties(null, null, null, null)} is a complete configuration (without credentials).
 *
 * <p>Credentials, and user info or a query in the URLs, are masked by {@link #toString()} so the
 * properties can be logged.
 *
 * @param azure Azure OpenAI GA endpoint ({@code nightcast.gateway.azure.*})
 * @param openai OpenAI endpoint ({@code nightcast.gateway.openai.*})
 * @param timeouts client-side time limits ({@code nightcast.gateway.timeouts.*})
 * @param simulator the in-process simulator ({@code nightcast.gateway.simulator.*})
 * @param deployments several Azure deployments of the same model that one {@code gateway=azure} run
 *     narrates on at once ({@code nightcast.gateway.deployments[N].*}, e.g.
 *     {@code NIGHTCAST_GATEWAY_DEPLOYMENTS_0_ENDPOINT}); empty: the one deployment of {@code azure}
 * @param deploymentProbe how long a deployment that looks down gets no new sessions before one
 *     session probes it again, default 15s ({@code nightcast.gateway.deployment-probe}); only with
 *     several deployments
 */
@ConfigurationProperties("nightcast.gateway")
public record GatewayProperties(
        Azure azure,
        OpenAi openai,
        Timeouts timeouts,
        Simulator simulator,
        List<Deployment> deployments,
        Duration deploymentProbe) {

    public static final Duration DEFAULT_DEPLOYMENT_PROBE = Duration.ofSeconds(15);

    @ConstructorBinding
    public GatewayProperties(
            @Nullable Azure azure,
            @Nullable OpenAi openai,
            @Nullable Timeouts timeouts,
            @Nullable Simulator simulator,
            @Nullable List<Deployment> deployments,
            @Nullable Duration deploymentProbe) {
        this.azure = azure != null ? azure : new Azure(null, null, null, null);
        this.openai = openai != null ? openai : new OpenAi(null, null, null);
        this.timeouts = timeouts != null ? timeouts : new Timeouts(null, null, null, null, null);
        this.simulator = simulator != null ? simulator : new Simulator(null, null, null, null);
        this.deployments = deployments != null ? List.copyOf(deployments) : List.of();
        this.deploymentProbe = positive("deployment-probe", deploymentProbe, DEFAULT_DEPLOYMENT_PROBE);
    }

    /** One Azure deployment only (or none configured): the settings before several deployments existed. */
    public GatewayProperties(
            @Nullable Azure azure,
            @Nullable OpenAi openai,
            @Nullable Timeouts timeouts,
            @Nullable Simulator simulator) {
        this(azure, openai, timeouts, simulator, null, null);
    }

    /**
     * One of several Azure OpenAI deployments serving the same model
     * ({@code nightcast.gateway.deployments[N].*}). Entra ID uses {@code azure.scope}.
     *
     * @param endpoint resource base URL, as {@code AZURE_OPENAI_ENDPOINT}
     * @param deployment deployment name at that resource; default {@code azure.deployment}
     * @param apiKey sent as {@code api-key}; when absent, an Entra ID token
     * @param maxSessions at most this many sessions at once on this deployment (its quota, if known);
     *     default none but the run's {@code concurrency} and what the throttle learns
     * @param weight share of the sessions this deployment gets relative to the others when all have
     *     room, default 1
     */
    public record Deployment(
            @Nullable String endpoint,
            @Nullable String deployment,
            @Nullable String apiKey,
            @Nullable Integer maxSessions,
            Double weight) {

        /** A missing ({@code null}) weight is 1. */
        public Deployment(
                @Nullable String endpoint,
                @Nullable String deployment,
                @Nullable String apiKey,
                @Nullable Integer maxSessions,
                @Nullable Double weight) {
            this.endpoint = blankToNull(endpoint);
            this.deployment = blankToNull(deployment);
            this.apiKey = blankToNull(apiKey);
            if (maxSessions != null && maxSessions < 1) {
                throw new IllegalArgumentException(
                        "nightcast.gateway.deployments[].max-sessions must be at least 1" + " but was " + maxSessions);
            }
            this.maxSessions = maxSessions;
            double w = weight != null ? weight : 1.0;
            if (!(w > 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException(
                        "nightcast.gateway.deployments[].weight must be a positive number" + " but was " + weight);
            }
            this.weight = w;
        }

        @Override
        public String toString() {
            return "Deployment[endpoint=" + withoutCredentials(endpoint) + ", deployment=" + deployment + ", apiKey="
                    + mask(apiKey) + ", maxSessions=" + maxSessions + ", weight=" + weight + "]";
        }
    }

    /**
     * Azure OpenAI, GA protocol ({@code /openai/v1/realtime?model=<deployment>}).
     *
     * @param endpoint resource base URL, e.g. {@code https://my-res.openai.azure.com}
     *     ({@code AZURE_OPENAI_ENDPOINT}); a trailing {@code /openai} or {@code /openai/v1} is tolerated
     * @param deployment deployment name, default {@code gpt-realtime-mini} ({@code AZURE_OPENAI_DEPLOYMENT_NAME})
     * @param apiKey API key sent as {@code api-key} ({@code AZURE_OPENAI_API_KEY}); when absent, Entra ID
     *     through {@code DefaultAzureCredential}
     * @param scope Entra ID token scope, default {@code https://cognitiveservices.azure.com/.default}
     */
    public record Azure(
            @Nullable String endpoint,
            String deployment,
            @Nullable String apiKey,
            String scope) {

        public static final String DEFAULT_DEPLOYMENT = "gpt-realtime-mini";
        public static final String DEFAULT_SCOPE = "https://cognitiveservices.azure.com/.default";

        /** A missing ({@code null}) or blank value is its default. */
        public Azure(
                @Nullable String endpoint,
                @Nullable String deployment,
                @Nullable String apiKey,
                @Nullable String scope) {
            this.endpoint = blankToNull(endpoint);
            this.deployment = orDefault(deployment, DEFAULT_DEPLOYMENT);
            this.apiKey = blankToNull(apiKey);
            this.scope = orDefault(scope, DEFAULT_SCOPE);
        }

        @Override
        public String toString() {
            return "Azure[endpoint=" + withoutCredentials(endpoint) + ", deployment=" + deployment + ", apiKey="
                    + mask(apiKey) + ", scope=" + scope + "]";
        }
    }

    /**
     * OpenAI ({@code wss://api.openai.com/v1/realtime?model=<model>}).
     *
     * @param url WebSocket URL without query, default {@code wss://api.openai.com/v1/realtime}
     * @param model model name, default {@code gpt-realtime-mini}
     * @param apiKey {@code OPENAI_API_KEY}, sent as {@code Authorization: Bearer}
     */
    public record OpenAi(String url, String model, @Nullable String apiKey) {

        public static final String DEFAULT_URL = "wss://api.openai.com/v1/realtime";
        public static final String DEFAULT_MODEL = "gpt-realtime-mini";

        /** A missing ({@code null}) or blank value is its default. */
        public OpenAi(@Nullable String url, @Nullable String model, @Nullable String apiKey) {
            this.url = orDefault(url, DEFAULT_URL);
            this.model = orDefault(model, DEFAULT_MODEL);
            this.apiKey = blankToNull(apiKey);
        }

        @Override
        public String toString() {
            return "OpenAi[url=" + withoutCredentials(url) + ", model=" + model + ", apiKey=" + mask(apiKey) + "]";
        }
    }

    /**
     * The in-process simulator ({@code gateway=simulator}).
     *
     * @param realtimeFactor how much faster than real time audio is streamed, default 10.0; 0 or less
     *     streams as fast as possible
     * @param firstAudioLatency delay before the first audio, default 50ms
     * @param wordsPerMinute speech rate of the synthetic audio, default 150
     * @param modelSnapshot the model snapshot its sessions report, default {@code <deployment>-2025-12-15};
     *     changing it between runs shows what a changed snapshot behind a deployment does
     */
    public record Simulator(
            Double realtimeFactor,
            Duration firstAudioLatency,
            Integer wordsPerMinute,
            @Nullable String modelSnapshot) {

        /** A missing ({@code null}) value is its default. */
        public Simulator(
                @Nullable Double realtimeFactor,
                @Nullable Duration firstAudioLatency,
                @Nullable Integer wordsPerMinute,
                @Nullable String modelSnapshot) {
            this.modelSnapshot = blankToNull(modelSnapshot);
            this.realtimeFactor = realtimeFactor != null ? realtimeFactor : 10.0;
            this.firstAudioLatency =
                    positiveOrZero("simulator.first-audio-latency", firstAudioLatency, Duration.ofMillis(50));
            this.wordsPerMinute = wordsPerMinute != null ? wordsPerMinute : 150;
            if (this.wordsPerMinute <= 0) {
                throw new IllegalArgumentException(
                        "nightcast.gateway.simulator.words-per-minute must be positive but was " + this.wordsPerMinute);
            }
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String orDefault(@Nullable String value, String fallback) {
        String v = blankToNull(value);
        return v != null ? v : fallback;
    }

    /** A URL as it may be shown: user info and query (where credentials hide) replaced by {@code ****}. */
    static @Nullable String withoutCredentials(@Nullable String url) {
        if (url == null) {
            return null;
        }
        return url.replaceFirst("^([^:/?#]*://)[^/?#]*@", "$1****@").replaceFirst("[?#].*$", "?****");
    }

    private static String mask(@Nullable String secret) {
        return secret == null ? "<none>" : "****";
    }

    private static Duration positive(String name, @Nullable Duration value, Duration fallback) {
        Duration d = value != null ? value : fallback;
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("nightcast.gateway." + name + " must be positive but was " + d);
        }
        return d;
    }

    private static Duration positiveOrZero(String name, @Nullable Duration value, Duration fallback) {
        Duration d = value != null ? value : fallback;
        if (d.isNegative()) {
            throw new IllegalArgumentException("nightcast.gateway." + name + " must not be negative but was " + d);
        }
        return d;
    }
}
