package dev.nightcast.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import dev.nightcast.run.ExitCodes;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;
import dev.nightcast.support.NightcastProcess;

/**
 * Without an API key, the application as shipped (its own JVM, the jar's class path: no Netty) gets
 * an Entra ID token from a managed identity and narrates with it. The managed identity endpoint is
 * a local server named by the App Service variables ({@code IDENTITY_ENDPOINT},
 * {@code IDENTITY_HEADER}), as Azure sets them for a container or an app with an identity.
 */
class ManagedIdentityProcessTest {

    private static final String IDENTITY_HEADER = "identity-header-SECRET-7070";
    private static final String TOKEN = "eyJ0eXAiOiJKV1QifQ.managed-identity-token-SECRET-7171";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private final MockWebServer identityEndpoint = new MockWebServer();
    private final List<RecordedRequest> tokenRequests = new CopyOnWriteArrayList<>();
    private final ScriptedSimulator simulator = ScriptedSimulator.start(SimulatorSettings.fast());
    private NightcastProcess process;

    @BeforeEach
    void startIdentityEndpoint() throws IOException {
        identityEndpoint.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                tokenRequests.add(request);
                long expiresOn = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
                return new MockResponse.Builder()
                        .setHeader("Content-Type", "application/json")
                        .body("{\"access_token\":\"" + TOKEN + "\",\"expires_on\":\"" + expiresOn + "\","
                                + "\"resource\":\"" + request.getUrl().queryParameter("resource")
                                + "\",\"token_type\":\"Bearer\"}")
                        .build();
            }
        });
        identityEndpoint.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() throws Exception {
        if (process != null) {
            process.close();
        }
        simulator.close();
        identityEndpoint.close();
    }

    @Test
    void aRunWithoutAnApiKeyNarratesWithATokenFromTheManagedIdentityAndShowsItNowhere() throws Exception {
        Path input = Files.writeString(
                dir.resolve("episodes.csv"),
                "episode_id,script\nmi-1,Signed in by the" + " platform.\nmi-2,No key anywhere.\n");
        Path params = Files.writeString(
                dir.resolve("run.properties"),
                "input=" + input + "\noutput=" + dir.resolve("output") + "\ngateway=azure\nconcurrency=1\n");

        process = NightcastProcess.start(
                dir,
                "managed-identity",
                Map.of(
                        "AZURE_OPENAI_API_KEY",
                        "",
                        "IDENTITY_ENDPOINT",
                        identityEndpoint.url("/msi/token").toString(),
                        "IDENTITY_HEADER",
                        IDENTITY_HEADER),
                List.of(
                        "narrate",
                        "--params=" + params,
                        "--nightcast.gateway.azure.endpoint=" + simulator.baseUrl(),
                        "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db")));
        int exit = process.waitFor(Duration.ofSeconds(90));

        assertThat(exit).as(process.log()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(simulator.responsesCreated()).isEqualTo(2);
        assertThat(simulator.handshakes()).isNotEmpty().allSatisfy(handshake -> {
            assertThat(handshake.header("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(handshake.header("api-key")).isNull();
        });
        assertThat(tokenRequests).isNotEmpty().allSatisfy(request -> {
            assertThat(request.getUrl().encodedPath()).isEqualTo("/msi/token");
            assertThat(request.getUrl().queryParameter("resource")).isEqualTo("https://cognitiveservices.azure.com");
            assertThat(request.getHeaders().get("X-IDENTITY-HEADER")).isEqualTo(IDENTITY_HEADER);
        });
        assertThat(process.log()).doesNotContain("SECRET");
    }
}
