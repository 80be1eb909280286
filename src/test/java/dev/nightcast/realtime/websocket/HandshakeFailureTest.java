package dev.nightcast.realtime.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.nightcast.gateway.Endpoints;
import dev.nightcast.gateway.EntraIdAuth;
import dev.nightcast.gateway.GatewayProperties;
import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.RealtimeGateway;
import dev.nightcast.realtime.RealtimeSession;
import dev.nightcast.realtime.SegmentResult;
import dev.nightcast.simulator.Fault;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;

/** Handshakes the service refuses, scripted in the simulator, as the client classifies them. */
class HandshakeFailureTest {

    private ScriptedSimulator simulator;
    private RealtimeGateway gateway;

    @BeforeEach
    void startSimulator() {
        simulator = ScriptedSimulator.start(SimulatorSettings.fast());
        gateway = TestGateways.azure(simulator);
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    private RealtimeException openFails() {
        return catchThrowableOfType(RealtimeException.class, () -> gateway.open(TestGateways.marin()));
    }

    @Test
    void unauthorizedIsAConfigurationFailureAndCarriesTheServersErrorCode() {
        simulator.enqueueFault(Fault.unauthorized());

        RealtimeException failure = openFails();

        assertThat(failure.kind()).isEqualTo(FailureKind.CONFIGURATION);
        assertThat(failure.code()).isEqualTo("http_401");
        assertThat(failure.getMessage())
                .contains("HTTP 401", "PermissionDenied", "Principal does not have access to API/Operation.");
        assertThat(failure.retryAfter()).isEmpty();
    }

    @Test
    void unauthorizedByAListEntryWithAKeyNamesThatEntrysKeyNotTheSingleDeploymentsVariable() {
        // given: entry 1 of nightcast.gateway.deployments, with a key the server refuses
        simulator.enqueueFault(Fault.unauthorized());
        RealtimeGateway entry = listEntry(new GatewayProperties.Deployment(simulator.baseUrl(), null, "wrong", 4, 1.0));

        // when
        RealtimeException failure =
                catchThrowableOfType(RealtimeException.class, () -> entry.open(TestGateways.marin()));

        // then: the hint names the entry's key, by property and environment variable
        assertThat(failure.kind()).isEqualTo(FailureKind.CONFIGURATION);
        assertThat(failure.getMessage())
                .contains(
                        "HTTP 401",
                        "check nightcast.gateway.deployments[1].api-key (NIGHTCAST_GATEWAY_DEPLOYMENTS_1_API_KEY)")
                .doesNotContain("AZURE_OPENAI_API_KEY", "OPENAI_API_KEY /", "wrong");
    }

    @Test
    void unauthorizedByAListEntryWithoutAKeyNamesTheEntraIdIdentityAndTheEntry() {
        // given: entry 1 without a key (Entra ID); the fresh token tried after the first 401 is refused too
        simulator.enqueueFault(Fault.unauthorized());
        simulator.enqueueFault(Fault.unauthorized());
        RealtimeGateway entry = listEntry(new GatewayProperties.Deployment(simulator.baseUrl(), null, null, 4, 1.0));

        // when
        RealtimeException failure =
                catchThrowableOfType(RealtimeException.class, () -> entry.open(TestGateways.marin()));

        // then
        assertThat(failure.getMessage())
                .contains("HTTP 401", "Entra ID identity", "nightcast.gateway.deployments[1]")
                .doesNotContain("AZURE_OPENAI_API_KEY");
    }

    @Test
    void unknownDeploymentOfAListEntryNamesTheEntrysSettings() {
        simulator.enqueueFault(Fault.deploymentNotFound());
        RealtimeGateway entry = listEntry(new GatewayProperties.Deployment(simulator.baseUrl(), "nope", "k", 4, 1.0));

        RealtimeException failure =
                catchThrowableOfType(RealtimeException.class, () -> entry.open(TestGateways.marin()));

        assertThat(failure.getMessage())
                .contains("nightcast.gateway.deployments[1].deployment", "nightcast.gateway.deployments[1].endpoint")
                .doesNotContain("AZURE_OPENAI_DEPLOYMENT_NAME", "AZURE_OPENAI_ENDPOINT");
    }

    /** Entry 1 of the deployment list, as the pool builds it; Entra ID gives a token the server may refuse. */
    private static RealtimeGateway listEntry(GatewayProperties.Deployment deployment) {
        TokenCredential entra = request ->
                Mono.just(new AccessToken("entra-token", OffsetDateTime.now().plusHours(1)));
        return new OkHttpRealtimeGateway(
                TestGateways.CLIENT,
                Endpoints.azureDeployment(
                        1,
                        deployment,
                        "gpt-realtime-mini",
                        new EntraIdAuth(() -> entra, "https://cognitiveservices.azure.com/.default")),
                TestGateways.timeouts(),
                Clock.systemUTC());
    }

    @Test
    void unknownDeploymentIsAConfigurationFailureAndPointsAtTheDeploymentName() {
        simulator.enqueueFault(Fault.deploymentNotFound());

        RealtimeException failure = openFails();

        assertThat(failure.kind()).isEqualTo(FailureKind.CONFIGURATION);
        assertThat(failure.code()).isEqualTo("http_404");
        assertThat(failure.getMessage()).contains("DeploymentNotFound", "AZURE_OPENAI_DEPLOYMENT_NAME");
    }

    @Test
    void rateLimitedHandshakeIsThrottlingAndHonoursRetryAfter() {
        simulator.enqueueFault(Fault.rateLimited(Duration.ofSeconds(2)));

        RealtimeException failure = openFails();

        assertThat(failure.kind()).isEqualTo(FailureKind.THROTTLED);
        assertThat(failure.code()).isEqualTo("http_429");
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(2));
        assertThat(failure.getMessage()).contains("Please retry after 2 seconds");
    }

    @Test
    void serviceUnavailableIsTransient() {
        simulator.enqueueFault(Fault.serviceUnavailable());

        RealtimeException failure = openFails();

        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.code()).isEqualTo("http_503");
    }

    @Test
    void connectionResetBeforeAnyAnswerIsATransientNetworkFailure() {
        simulator.enqueueFault(Fault.connectionReset());

        RealtimeException failure = openFails();

        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.code()).isEqualTo("network");
    }

    @Test
    void nothingListeningIsATransientNetworkFailure() {
        String deadEndpoint = simulator.baseUrl();
        simulator.close();

        RealtimeException failure = catchThrowableOfType(
                RealtimeException.class,
                () -> TestGateways.azure(deadEndpoint, TestGateways.timeouts()).open(TestGateways.marin()));

        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.code()).isEqualTo("network");
    }

    @Test
    void aFailedHandshakeDoesNotSpoilTheNextConnection() throws Exception {
        simulator.enqueueFault(Fault.serviceUnavailable());
        openFails();

        try (RealtimeSession session = gateway.open(TestGateways.marin())) {
            SegmentResult result = session.narrate(TestGateways.segment("ep1", 0, "Back again."), new RecordingSink());
            assertThat(result.transcript()).isEqualTo("Back again.");
        }
        assertThat(simulator.connections()).isEqualTo(2);
    }
}
