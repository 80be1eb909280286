package dev.nightcast.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.nightcast.realtime.websocket.Timeouts;

/** Defaults, binding of the documented property names, and masking. */
class GatewayPropertiesTest {

    private static GatewayProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("nightcast.gateway", GatewayProperties.class);
    }

    /** Binds as Spring Boot binds the process environment: through a {@link SystemEnvironmentPropertySource}. */
    private static GatewayProperties bindEnvironment(Map<String, Object> variables) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return new Binder(ConfigurationPropertySources.from(sources))
                .bindOrCreate("nightcast.gateway", GatewayProperties.class);
    }

    @Test
    void severalDeploymentsBindFromEnvironmentVariables() {
        GatewayProperties properties = bindEnvironment(Map.of(
                "NIGHTCAST_GATEWAY_DEPLOYMENTS_0_ENDPOINT", "https://east.openai.azure.com",
                "NIGHTCAST_GATEWAY_DEPLOYMENTS_0_DEPLOYMENT", "rt-mini-east",
                "NIGHTCAST_GATEWAY_DEPLOYMENTS_0_API_KEY", "east-key",
                "NIGHTCAST_GATEWAY_DEPLOYMENTS_0_MAX_SESSIONS", "4",
                "NIGHTCAST_GATEWAY_DEPLOYMENTS_1_ENDPOINT", "https://west.openai.azure.com",
                "NIGHTCAST_GATEWAY_DEPLOYMENTS_1_WEIGHT", "2.5",
                "NIGHTCAST_GATEWAY_DEPLOYMENT_PROBE", "40s"));

        assertThat(properties.deployments())
                .containsExactly(
                        new GatewayProperties.Deployment(
                                "https://east.openai.azure.com", "rt-mini-east", "east-key", 4, 1.0),
                        new GatewayProperties.Deployment("https://west.openai.azure.com", null, null, null, 2.5));
        assertThat(properties.deploymentProbe()).isEqualTo(Duration.ofSeconds(40));
        assertThat(properties.deployments().toString())
                .doesNotContain("east-key")
                .contains("apiKey=****");
    }

    @Test
    void withoutADeploymentListTheOneAzureDeploymentIsUsed() {
        GatewayProperties properties = bindEnvironment(Map.of());

        assertThat(properties.deployments()).isEmpty();
        assertThat(properties.deploymentProbe()).isEqualTo(GatewayProperties.DEFAULT_DEPLOYMENT_PROBE);
    }

    @Test
    void aDeploymentsWeightMustBePositiveAndItsMaxSessionsAtLeastOne() {
        assertThatThrownBy(() -> bind(Map.of(
                        "nightcast.gateway.deployments[0].endpoint",
                        "https://e.example.com",
                        "nightcast.gateway.deployments[0].weight",
                        "0")))
                .rootCause()
                .hasMessageContaining("weight must be a positive number");
        assertThatThrownBy(() -> bind(Map.of(
                        "nightcast.gateway.deployments[0].endpoint",
                        "https://e.example.com",
                        "nightcast.gateway.deployments[0].max-sessions",
                        "0")))
                .rootCause()
                .hasMessageContaining("max-sessions must be at least 1");
    }

    @Test
    void emptyConfigurationHasTheDocumentedDefaults() {
        GatewayProperties properties = bind(Map.of());

        assertThat(properties.azure())
                .isEqualTo(new GatewayProperties.Azure(
                        null, "gpt-realtime-mini", null, "https://cognitiveservices.azure.com/.default"));
        assertThat(properties.openai())
                .isEqualTo(new GatewayProperties.OpenAi("wss://api.openai.com/v1/realtime", "gpt-realtime-mini", null));
        assertThat(properties.timeouts())
                .isEqualTo(new Timeouts(
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(15),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(1)));
        assertThat(properties.simulator())
                .isEqualTo(new GatewayProperties.Simulator(10.0, Duration.ofMillis(50), 150, null));
    }

    @Test
    void everyDocumentedPropertyBinds() {
        GatewayProperties properties = bind(Map.ofEntries(
                Map.entry("nightcast.gateway.azure.endpoint", "https://r.openai.azure.com"),
                Map.entry("nightcast.gateway.azure.deployment", "my-dep"),
                Map.entry("nightcast.gateway.azure.api-key", "k1"),
                Map.entry("nightcast.gateway.azure.scope", "https://ai.azure.com/.default"),
                Map.entry("nightcast.gateway.openai.url", "wss://proxy.example.com/v1/realtime"),
                Map.entry("nightcast.gateway.openai.model", "gpt-realtime"),
                Map.entry("nightcast.gateway.openai.api-key", "k2"),
                Map.entry("nightcast.gateway.timeouts.connect", "3s"),
                Map.entry("nightcast.gateway.timeouts.session-ready", "4s"),
                Map.entry("nightcast.gateway.timeouts.idle", "30s"),
                Map.entry("nightcast.gateway.timeouts.response-base", "90s"),
                Map.entry("nightcast.gateway.timeouts.response-per-word", "500ms"),
                Map.entry("nightcast.gateway.simulator.realtime-factor", "0"),
                Map.entry("nightcast.gateway.simulator.first-audio-latency", "0ms"),
                Map.entry("nightcast.gateway.simulator.words-per-minute", "180"),
                Map.entry("nightcast.gateway.simulator.model-snapshot", "gpt-realtime-mini-2026-03-01")));

        assertThat(properties.azure())
                .isEqualTo(new GatewayProperties.Azure(
                        "https://r.openai.azure.com", "my-dep", "k1", "https://ai.azure.com/.default"));
        assertThat(properties.openai())
                .isEqualTo(new GatewayProperties.OpenAi("wss://proxy.example.com/v1/realtime", "gpt-realtime", "k2"));
        assertThat(properties.timeouts())
                .isEqualTo(new Timeouts(
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(90),
                        Duration.ofMillis(500)));
        assertThat(properties.simulator())
                .isEqualTo(new GatewayProperties.Simulator(0.0, Duration.ZERO, 180, "gpt-realtime-mini-2026-03-01"));
    }

    @Test
    void blankValuesFromUnsetEnvironmentVariablesMeanDefaults() {
        GatewayProperties properties = bind(Map.of(
                "nightcast.gateway.azure.api-key",
                "",
                "nightcast.gateway.azure.deployment",
                " ",
                "nightcast.gateway.azure.endpoint",
                ""));

        assertThat(properties.azure().apiKey()).isNull();
        assertThat(properties.azure().endpoint()).isNull();
        assertThat(properties.azure().deployment()).isEqualTo("gpt-realtime-mini");
    }

    @Test
    void responseCeilingGrowsWithTheWords() {
        Timeouts timeouts = new GatewayProperties(null, null, null, null).timeouts();

        assertThat(timeouts.responseCeiling(0)).isEqualTo(Duration.ofSeconds(60));
        assertThat(timeouts.responseCeiling(250)).isEqualTo(Duration.ofSeconds(310));
    }

    @Test
    void nonPositiveTimeoutsAreRejectedAtStartUp() {
        assertThatThrownBy(() -> bind(Map.of("nightcast.gateway.timeouts.idle", "0s")))
                .hasRootCauseMessage("nightcast.gateway.timeouts.idle must be positive but was PT0S");
    }

    @Test
    void toStringNeverShowsKeys() {
        GatewayProperties properties = new GatewayProperties(
                new GatewayProperties.Azure("https://r.openai.azure.com", null, "sk-test-SECRET-123", null),
                new GatewayProperties.OpenAi(null, null, "sk-test-SECRET-456"),
                null,
                null);

        assertThat(properties.toString())
                .doesNotContain("SECRET")
                .contains("apiKey=****", "https://r.openai.azure.com");
        assertThat(new GatewayProperties(null, null, null, null).toString()).contains("apiKey=<none>");
    }

    @Test
    void toStringNeverShowsCredentialsInTheUrls() {
        GatewayProperties properties = new GatewayProperties(
                new GatewayProperties.Azure("https://user:SECRET-pw@r.openai.azure.com?key=SECRET", null, null, null),
                new GatewayProperties.OpenAi("wss://SECRET-token@api.example.com/v1/realtime#SECRET", null, null),
                null,
                null);

        assertThat(properties.toString())
                .doesNotContain("SECRET")
                .contains("https://****@r.openai.azure.com?****", "wss://****@api.example.com/v1/realtime?****");
    }
}
