package dev.nightcast.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.nightcast.realtime.GatewayConfigException;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.RealtimeGateway;
import dev.nightcast.realtime.RealtimeSession;
import dev.nightcast.realtime.SegmentResult;
import dev.nightcast.realtime.SessionSettings;
import dev.nightcast.realtime.websocket.RecordingSink;
import dev.nightcast.realtime.websocket.TestGateways;

/** Choosing a gateway by the job's {@code gateway} parameter. */
class RealtimeGatewayFactoryTest {

    private static final GatewayProperties.Simulator FAST =
            new GatewayProperties.Simulator(0.0, Duration.ZERO, 150, null);
    private RealtimeGatewayFactory factory;

    @AfterEach
    void close() {
        if (factory != null) {
            factory.close();
        }
    }

    private RealtimeGatewayFactory factory(GatewayProperties properties) {
        factory = new RealtimeGatewayFactory(
                properties,
                client -> {
                    throw new AssertionError("Entra ID must not be touched here");
                },
                Clock.systemUTC());
        return factory;
    }

    @Test
    void simulatorGatewayNarratesWithoutAnyAccount() throws Exception {
        RealtimeGateway gateway =
                factory(new GatewayProperties(null, null, null, FAST)).create("simulator");

        SegmentResult result;
        try (RealtimeSession session = gateway.open(new SessionSettings("cedar", "Read."))) {
            result = session.narrate(TestGateways.segment("demo", 0, "It works on my machine."), new RecordingSink());
        }

        assertThat(result.transcript()).isEqualTo("It works on my machine.");
        assertThat(result.audioBytes()).isEqualTo(5 * 19_200);
        assertThat(gateway.model())
                .as("simulated audio never passes for a real model's")
                .isEqualTo("simulator/gpt-realtime-mini");
    }

    @Test
    void closingTheFactoryStopsTheSimulator() {
        RealtimeGateway gateway =
                factory(new GatewayProperties(null, null, null, FAST)).create("simulator");

        factory.close();

        RealtimeException failure =
                catchThrowableOfType(RealtimeException.class, () -> gateway.open(TestGateways.marin()));
        assertThat(failure.code()).isEqualTo("network");
    }

    @Test
    void namesAreCaseInsensitive() {
        GatewayProperties properties = new GatewayProperties(
                new GatewayProperties.Azure("https://r.openai.azure.com", "my-dep", "k", null),
                new GatewayProperties.OpenAi(null, "gpt-realtime", "k"),
                null,
                null);

        assertThat(factory(properties).create(" Azure ").model()).isEqualTo("my-dep");
        assertThat(factory.create("OPENAI").model()).isEqualTo("gpt-realtime");
    }

    @Test
    void unknownGatewayIsAConfigError() {
        assertThatThrownBy(() ->
                        factory(new GatewayProperties(null, null, null, null)).create("bedrock"))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("'bedrock'", "azure, openai or simulator");
        assertThatThrownBy(() -> factory.create(null)).isInstanceOf(GatewayConfigException.class);
    }

    @Test
    void azureWithoutEndpointFailsAtCreationNamingTheVariable() {
        assertThatThrownBy(() ->
                        factory(new GatewayProperties(null, null, null, null)).create("azure"))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("AZURE_OPENAI_ENDPOINT");
    }

    @Test
    void azureWithoutKeyUsesEntraIdOnlyWhenConnecting() {
        GatewayProperties properties = new GatewayProperties(
                new GatewayProperties.Azure("https://r.openai.azure.com", null, null, null), null, null, null);

        assertThat(factory(properties).create("azure").model()).isEqualTo("gpt-realtime-mini");
    }

    @Test
    void springContextBindsThePropertiesAndProvidesTheFactory() {
        new ApplicationContextRunner()
                .withUserConfiguration(RealtimeConfiguration.class)
                .withPropertyValues(
                        "nightcast.gateway.azure.endpoint=https://r.openai.azure.com",
                        "nightcast.gateway.timeouts.idle=30s")
                .run(context -> {
                    assertThat(context).hasSingleBean(RealtimeGatewayFactory.class);
                    GatewayProperties properties = context.getBean(GatewayProperties.class);
                    assertThat(properties.azure().endpoint()).isEqualTo("https://r.openai.azure.com");
                    assertThat(properties.timeouts().idle()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(context.getBean(RealtimeGatewayFactory.class)
                                    .create("azure")
                                    .model())
                            .isEqualTo("gpt-realtime-mini");
                });
    }
}
