package dev.nightcast.realtime.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
