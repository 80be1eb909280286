package dev.nightcast.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.util.Configuration;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.core.util.ConfigurationSource;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code DefaultAzureCredential} as Nightcast builds it gets its Entra ID tokens over Nightcast's
 * own OkHttp client. The token endpoint is a local HTTPS server with a certificate for
 * {@code login.microsoftonline.com} from a private CA that only the test's OkHttp client trusts,
 * and only that client resolves the name to it: a token request sent by any other HTTP stack
 * could not reach it.
 */
class EntraIdCredentialsTest {

    private static final String AUTHORITY = "login.microsoftonline.com";
    private static final String TENANT = "00000000-0000-0000-0000-00000000a11c";
    private static final String TOKEN = "eyJ0eXAiOiJKV1QifQ.entra-token-from-the-local-endpoint";

    private final MockWebServer server = new MockWebServer();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private OkHttpClient client;

    @BeforeEach
    void startTokenEndpoint() throws IOException {
        HeldCertificate privateCa =
                new HeldCertificate.Builder().certificateAuthority(0).build();
        HeldCertificate serverCertificate = new HeldCertificate.Builder()
                .addSubjectAlternativeName(AUTHORITY)
                .signedBy(privateCa)
                .build();
        server.useHttps(new HandshakeCertificates.Builder()
                .heldCertificate(serverCertificate)
                .build()
                .sslSocketFactory());
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                return answer(request);
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
        HandshakeCertificates trusted = new HandshakeCertificates.Builder()
                .addTrustedCertificate(privateCa.certificate())
                .build();
        client = new OkHttpClient.Builder()
                .sslSocketFactory(trusted.sslSocketFactory(), trusted.trustManager())
                .dns(host -> {
                    if (AUTHORITY.equals(host)) {
                        return List.of(InetAddress.getLoopbackAddress());
                    }
                    throw new UnknownHostException("only " + AUTHORITY + " is reachable in this test: " + host);
                })
                .build();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        client.dispatcher().executorService().shutdown();
    }

    private static MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.endsWith("/discovery/instance")) {
            return json("""
                    {"tenant_discovery_endpoint":"https://login.microsoftonline.com/%s/v2.0/.well-known/openid-configuration",
                     "api-version":"1.1",
                     "metadata":[{"preferred_network":"login.microsoftonline.com","preferred_cache":"login.windows.net",
                       "aliases":["login.microsoftonline.com","login.windows.net","login.microsoft.com"]}]}""".formatted(TENANT));
        }
        if (path.equals("/" + TENANT + "/oauth2/v2.0/token")) {
            return json("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,\"access_token\":\""
                    + TOKEN + "\"}");
        }
        return new MockResponse.Builder()
                .code(404)
                .body("{\"error\":\"not_found\"}")
                .build();
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder()
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    /** A service principal's environment, as {@code EnvironmentCredential} (first in the chain) reads it. */
    private Configuration servicePrincipal() {
        Map<String, String> environment = Map.of(
                "AZURE_CLIENT_ID",
                "11111111-2222-3333-4444-555555555555",
                "AZURE_TENANT_ID",
                TENANT,
                "AZURE_CLIENT_SECRET",
                "client-secret-SECRET",
                "AZURE_AUTHORITY_HOST",
                "https://" + AUTHORITY + ":" + server.getPort() + "/");
        ConfigurationSource none = source -> Map.of();
        ConfigurationSource variables = source -> environment;
        return new ConfigurationBuilder(none, none, variables).build();
    }

    @Test
    void theDefaultCredentialChainGetsItsTokenOverNightcastsOkHttpClient() {
        AccessToken token = EntraIdCredentials.defaultChain(client, servicePrincipal())
                .getTokenSync(new TokenRequestContext().addScopes("https://cognitiveservices.azure.com/.default"));

        assertThat(token.getToken()).isEqualTo(TOKEN);
        RecordedRequest tokenRequest = requests.stream()
                .filter(request -> request.getUrl().encodedPath().endsWith("/oauth2/v2.0/token"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no token request; requests: " + requests));
        assertThat(tokenRequest.getMethod()).isEqualTo("POST");
        assertThat(tokenRequest.getBody().utf8())
                .contains("grant_type=client_credentials", "https%3A%2F%2Fcognitiveservices.azure.com%2F.default");
    }
}
