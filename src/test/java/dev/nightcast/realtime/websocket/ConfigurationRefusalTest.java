package dev.nightcast.realtime.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.nightcast.gateway.Endpoints;
import dev.nightcast.gateway.GatewayProperties;
import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.RealtimeGateway;
import dev.nightcast.realtime.RealtimeSession;
import dev.nightcast.simulator.Fault;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;

/**
 * The gateway's answers that mean "your configuration is wrong", each from a real local server: they
 * are {@link FailureKind#CONFIGURATION} failures (not the episode's, not worth a retry) whose message
 * says what to fix.
 */
class ConfigurationRefusalTest {

    private final ScriptedSimulator simulator = ScriptedSimulator.start(SimulatorSettings.fast());
    private final MockWebServer server = new MockWebServer();

    @AfterEach
    void stopServers() {
        simulator.close();
        server.close();
    }

    private RealtimeException openFails(RealtimeGateway gateway) {
        return catchThrowableOfType(RealtimeException.class, () -> gateway.open(TestGateways.marin()));
    }

    @Test
    void aRejectedKeyIsAConfigurationFailureNamingTheVariable() {
        // given
        simulator.enqueueFault(Fault.unauthorized());

        // when
        RealtimeException failure = openFails(TestGateways.azure(simulator));

        // then
        assertThat(failure.kind()).isEqualTo(FailureKind.CONFIGURATION);
        assertThat(failure.code()).isEqualTo("http_401");
        assertThat(failure.getMessage()).contains("HTTP 401", "PermissionDenied", "AZURE_OPENAI_API_KEY");
        assertThat(simulator.connections())
                .as("a key is not worth a second try")
                .isEqualTo(1);
    }

    @Test
    void aForbiddenResourceIsAConfigurationFailureNamingTheRoleAndTheNetworkRules() {
        simulator.enqueueFault(Fault.forbidden());

        RealtimeException failure = openFails(TestGateways.azure(simulator));

        assertThat(failure.kind()).isEqualTo(FailureKind.CONFIGURATION);
        assertThat(failure.code()).isEqualTo("http_403");
        assertThat(failure.getMessage()).contains("HTTP 403", "Cognitive Services OpenAI User", "network rules");
    }

    @Test
    void aMissingDeploymentIsAConfigurationFailureNamingTheDeployment() {
        simulator.enqueueFault(Fault.deploymentNotFound());

        RealtimeException failure = openFails(TestGateways.azure(simulator));

        assertThat(failure.kind()).isEqualTo(FailureKind.CONFIGURATION);
        assertThat(failure.code()).isEqualTo("http_404");
        assertThat(failure.getMessage())
                .contains("DeploymentNotFound", "AZURE_OPENAI_DEPLOYMENT_NAME", "'gpt-realtime-mini'");
    }

    @Test
    void aCertificateTheJvmDoesNotTrustIsAConfigurationFailureSayingHowToTrustAPrivateCa() throws Exception {
        // given: TLS with a certificate of a private CA, which the JVM's trust store does not hold
        HeldCertificate privateCa =
                new HeldCertificate.Builder().certificateAuthority(0).build();
        HeldCertificate serverCertificate = new HeldCertificate.Builder()
                .addSubjectAlternativeName("localhost")
                .signedBy(privateCa)
                .build();
        server.useHttps(new HandshakeCertificates.Builder()
                .heldCertificate(serverCertificate)
                .build()
                .sslSocketFactory());
        server.start(InetAddress.getByName("localhost"), 0);
        server.enqueue(new MockResponse.Builder().webSocketUpgrade(answering()).build());

        // when
        RealtimeException failure =
                openFails(TestGateways.azure("https://localhost:" + server.getPort(), TestGateways.timeouts()));

        // then
        assertThat(failure.kind()).isEqualTo(FailureKind.CONFIGURATION);
        assertThat(failure.code()).isEqualTo("tls_untrusted");
        assertThat(failure.getMessage()).contains("localhost", "not trusted", "javax.net.ssl.trustStore");
    }

    @Test
    void anEndpointThatSpeaksOnlyTheBetaProtocolIsAConfigurationFailureSayingSo() {
        // given: a preview endpoint refuses the GA session.update (unknown parameter 'session.type')
        simulator.enqueueFault(Fault.betaProtocolOnly());

        // when
        RealtimeException failure = openFails(TestGateways.azure(simulator));

        // then
        assertThat(failure.kind()).isEqualTo(FailureKind.CONFIGURATION);
        assertThat(failure.code()).isEqualTo("beta_protocol");
        assertThat(failure.getMessage()).contains("unknown_parameter", "session.type", "beta", "GA");
    }

    @Test
    void anEndpointThatRetiredTheBetaShapeAndClosesWith4000IsAConfigurationFailure() throws Exception {
        // given: what OpenAI answers a client it takes for a beta one
        server.start();
        server.enqueue(new MockResponse.Builder()
                .webSocketUpgrade(new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket webSocket, Response response) {
                        webSocket.send("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                                + "\"code\":\"beta_api_shape_disabled\",\"message\":\"The beta Realtime API shape is no longer"
                                + " supported.\"}}");
                        webSocket.close(4000, "beta_api_shape_disabled");
                    }
                })
                .build());

        // when
        RealtimeException failure =
                openFails(TestGateways.azure("http://127.0.0.1:" + server.getPort(), TestGateways.timeouts()));

        // then
        assertThat(failure.kind()).isEqualTo(FailureKind.CONFIGURATION);
        assertThat(failure.getMessage()).contains("beta_api_shape_disabled");
    }

    @Test
    void entraIdGetsOneFreshTokenAfterA401AndConnects() throws Exception {
        // given: the first token is refused (revoked, or issued before the role was granted)
        AtomicInteger built = new AtomicInteger();
        server.start();
        server.enqueue(new MockResponse.Builder()
                .code(401)
                .body("{\"error\":{\"code\":\"401\"}}")
                .build());
        server.enqueue(new MockResponse.Builder().webSocketUpgrade(answering()).build());

        // when
        try (RealtimeSession session = entraGateway(tokens(built)).open(TestGateways.marin())) {
            // then
            assertThat(session.isUsable()).isTrue();
        }
        assertThat(bearers()).containsExactly("Bearer token-1", "Bearer token-2");
        assertThat(built).as("a new credential, with an empty token cache").hasValue(2);
    }

    @Test
    void entraIdRefusedAgainWithAFreshTokenIsAConfigurationFailure() throws Exception {
        AtomicInteger built = new AtomicInteger();
        server.start();
        server.enqueue(new MockResponse.Builder().code(401).build());
        server.enqueue(new MockResponse.Builder().code(401).build());

        RealtimeException failure = openFails(entraGateway(tokens(built)));

        assertThat(failure.kind()).isEqualTo(FailureKind.CONFIGURATION);
        assertThat(failure.code()).isEqualTo("http_401");
        assertThat(failure.getMessage()).contains("Entra ID").doesNotContain("token-1", "token-2");
        assertThat(bearers()).as("exactly one forced refresh").hasSize(2);
    }

    /** A credential factory whose every credential hands out a token of its own. */
    private static Supplier<TokenCredential> tokens(AtomicInteger built) {
        return () -> {
            String token = "token-" + built.incrementAndGet();
            return request ->
                    Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
        };
    }

    private RealtimeGateway entraGateway(Supplier<TokenCredential> credentials) {
        GatewayProperties.Azure azure =
                new GatewayProperties.Azure("http://127.0.0.1:" + server.getPort(), null, null, null);
        return new OkHttpRealtimeGateway(
                TestGateways.CLIENT, Endpoints.azure(azure, credentials), TestGateways.timeouts(), Clock.systemUTC());
    }

    private List<String> bearers() throws InterruptedException {
        int requests = server.getRequestCount();
        List<String> bearers = new java.util.ArrayList<>();
        for (int i = 0; i < requests; i++) {
            RecordedRequest request = server.takeRequest();
            bearers.add(request.getHeaders().get("Authorization"));
        }
        return bearers;
    }

    private static WebSocketListener answering() {
        return ScriptedRealtimeServer.answering(List.of());
    }
}
