package dev.nightcast.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;

import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.GatewayConfigException;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.websocket.ConnectionAuth;
import dev.nightcast.realtime.websocket.RealtimeEndpoint;

/** Endpoint normalisation and the one auth form per connection. */
class EndpointsTest {

    private static final String GA = "wss://my-res.openai.azure.com/openai/v1/realtime?model=gpt-realtime-mini";

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @CsvSource(
            delimiter = '|',
            value = {
                "https://my-res.openai.azure.com                |" + GA,
                "'  https://my-res.openai.azure.com  '          |" + GA,
                "https://my-res.openai.azure.com/               |" + GA,
                "https://my-res.openai.azure.com//              |" + GA,
                "https://my-res.openai.azure.com/openai         |" + GA,
                "https://my-res.openai.azure.com/openai/        |" + GA,
                "https://my-res.openai.azure.com/openai/v1      |" + GA,
                "https://my-res.openai.azure.com/openai/v1/     |" + GA,
                "HTTPS://my-res.openai.azure.com/OpenAI/v1      |" + GA,
                "https://my-res.cognitiveservices.azure.com     |wss://my-res.cognitiveservices.azure.com/openai/v1/realtime?model=gpt-realtime-mini",
                "https://gateway.example.com/aoai/              |wss://gateway.example.com/aoai/openai/v1/realtime?model=gpt-realtime-mini",
                "https://my-res.openai.azure.com:8443           |wss://my-res.openai.azure.com:8443/openai/v1/realtime?model=gpt-realtime-mini",
                "http://127.0.0.1:8080                          |ws://127.0.0.1:8080/openai/v1/realtime?model=gpt-realtime-mini",
                "http://localhost:8080/openai                   |ws://localhost:8080/openai/v1/realtime?model=gpt-realtime-mini",
                "http://[::1]:8080                              |ws://[::1]:8080/openai/v1/realtime?model=gpt-realtime-mini",
            })
    void azureEndpointIsNormalisedToTheGaRealtimeUrl(String endpoint, String expected) {
        assertThat(Endpoints.azureUrl(endpoint, "gpt-realtime-mini")).isEqualTo(expected);
    }

    @Test
    void deploymentNameIsUrlEncoded() {
        assertThat(Endpoints.azureUrl("https://r.openai.azure.com", "my realtime/mini&x"))
                .isEqualTo("wss://r.openai.azure.com/openai/v1/realtime?model=my%20realtime%2Fmini%26x");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://my-res.openai.azure.com",
                "http://10.0.0.5:8080",
                "ftp://my-res.openai.azure.com",
                "wss://my-res.openai.azure.com",
                "my-res.openai.azure.com",
                "https://my-res.openai.azure.com?api-version=2025",
                "https://user:pw@my-res.openai.azure.com",
                "https://",
                "https://bad host"
            })
    void unusableEndpointIsAConfigErrorNamingTheVariable(String endpoint) {
        assertThatThrownBy(() -> Endpoints.azureUrl(endpoint, "d"))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("AZURE_OPENAI_ENDPOINT")
                .hasMessageNotContaining("pw");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void missingEndpointIsAConfigErrorNamingTheVariable(String endpoint) {
        assertThatThrownBy(() -> Endpoints.azure(new GatewayProperties.Azure(endpoint, null, "k", null), () -> null))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("AZURE_OPENAI_ENDPOINT is not set");
    }

    @Test
    void azureWithAKeySendsOnlyTheApiKeyHeader() throws Exception {
        RealtimeEndpoint endpoint = Endpoints.azure(
                new GatewayProperties.Azure("https://r.openai.azure.com", "dep", "sk-test-SECRET-123", null), () -> {
                    throw new AssertionError("no Entra ID with an API key");
                });

        Request request = endpoint.newRequest();

        assertThat(request.header("api-key")).isEqualTo("sk-test-SECRET-123");
        assertThat(request.header("Authorization")).isNull();
        assertThat(request.header("OpenAI-Beta")).isNull();
        assertThat(request.url().encodedQuery()).isEqualTo("model=dep");
        assertThat(endpoint.model()).isEqualTo("dep");
        assertThat(endpoint.toString()).doesNotContain("SECRET");
    }

    @Test
    void openaiUsesABearerKeyAndTheModelInTheQuery() throws Exception {
        RealtimeEndpoint endpoint = Endpoints.openai(new GatewayProperties.OpenAi(null, null, "sk-test-SECRET-123"));

        Request request = endpoint.newRequest();

        assertThat(endpoint.url()).isEqualTo("wss://api.openai.com/v1/realtime?model=gpt-realtime-mini");
        assertThat(request.header("Authorization")).isEqualTo("Bearer sk-test-SECRET-123");
        assertThat(request.header("api-key")).isNull();
        assertThat(request.header("OpenAI-Beta")).isNull();
        assertThat(endpoint.toString()).doesNotContain("SECRET");
    }

    @Test
    void openaiWithoutAKeyIsAConfigErrorNamingTheVariable() {
        assertThatThrownBy(() -> Endpoints.openai(new GatewayProperties.OpenAi(null, null, " ")))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("OPENAI_API_KEY");
    }

    @Test
    void openaiUrlMustBeSecureUnlessLoopback() {
        assertThatThrownBy(() ->
                        Endpoints.openai(new GatewayProperties.OpenAi("ws://api.example.com/v1/realtime", null, "k")))
                .isInstanceOf(GatewayConfigException.class);
        assertThat(Endpoints.openai(new GatewayProperties.OpenAi("ws://127.0.0.1:9/v1/realtime", "m", "k"))
                        .url())
                .isEqualTo("ws://127.0.0.1:9/v1/realtime?model=m");
    }

    /** Keys as a copy-paste leaves them: each holds a character an HTTP header cannot carry. */
    static Stream<String> keysHeadersForbid() {
        return Stream.of(
                "sk-test-SECRET-123\u00a0",
                "\u00a0sk-test-SECRET-123",
                "sk-test-SECRET\u200b-123",
                "sk-test-SECRÉT-123",
                "sk-test-SECRET\n-123",
                "sk-test-SECRET\u0000-123",
                "sk-test-SECRET 123",
                "sk-test-SECRET\t123");
    }

    @ParameterizedTest
    @MethodSource("keysHeadersForbid")
    void anAzureKeyWithACharacterHeadersForbidIsAConfigErrorNamingTheVariableNeverTheValue(String key) {
        // given: a key that OkHttp would refuse at the first handshake, quoting it in its message
        GatewayProperties.Azure azure = new GatewayProperties.Azure("https://r.openai.azure.com", null, key, null);

        // when / then: refused while the gateway is created, before any connection
        assertThatThrownBy(() -> Endpoints.azure(azure, () -> null))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("AZURE_OPENAI_API_KEY")
                .hasMessageContaining("HTTP header")
                .hasMessageNotContaining("SECRET")
                .hasMessageNotContaining("sk-test");
    }

    @ParameterizedTest
    @MethodSource("keysHeadersForbid")
    void anOpenaiKeyWithACharacterHeadersForbidIsAConfigErrorNamingTheVariableNeverTheValue(String key) {
        assertThatThrownBy(() -> Endpoints.openai(new GatewayProperties.OpenAi(null, null, key)))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("OPENAI_API_KEY")
                .hasMessageContaining("HTTP header")
                .hasMessageNotContaining("SECRET")
                .hasMessageNotContaining("sk-test");
    }

    @Test
    void aTrailingNoBreakSpaceIsNamedSoTheOperatorKnowsWhatToRemove() {
        GatewayProperties.Azure azure =
                new GatewayProperties.Azure("https://r.openai.azure.com", null, "sk-test-SECRET-123\u00a0", null);

        assertThatThrownBy(() -> Endpoints.azure(azure, () -> null))
                .hasMessageContaining("character 19 of 19")
                .hasMessageContaining("U+00A0");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "wss://user:SECRET-pw@api.example.com/v1/realtime",
                "wss://SECRET-token@api.example.com/v1/realtime",
                "wss://api.example.com/v1/realtime?api-key=SECRET-k",
                "wss://api.example.com/v1/realtime#SECRET",
                "ws://user:SECRET-pw@127.0.0.1:9/v1/realtime"
            })
    void anOpenaiUrlWithCredentialsOrAQueryIsRefusedLikeAnAzureOneNeverQuotingIt(String url) {
        assertThatThrownBy(() -> Endpoints.openai(new GatewayProperties.OpenAi(url, null, "k")))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("nightcast.gateway.openai.url")
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void aCredentialPastTheChecksThatHeadersForbidFailsTheHandshakeWithoutQuotingIt() {
        // given: an endpoint built around the checks, as a future auth form might be
        RealtimeEndpoint endpoint = new RealtimeEndpoint(
                "wss://r.openai.azure.com/openai/v1/realtime?model=d",
                "d",
                ConnectionAuth.header("api-key", "sk-test-SECRET-123\u00a0"));

        // when
        RealtimeException failure = catchThrowableOfType(RealtimeException.class, endpoint::newRequest);

        // then: OkHttp's refusal (which quotes the value) is neither the message nor the cause
        assertThat(failure.kind()).isEqualTo(FailureKind.CONFIGURATION);
        assertThat(failure.getMessage()).contains("api-key").doesNotContain("SECRET");
        assertThat(failure.getCause()).isNull();
    }
}
