package dev.nightcast.realtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import okhttp3.Request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Endpoint normalisation and the one auth form per connection. */
class RealtimeEndpointTest {

    private static final String GA = "wss://my-res.openai.azure.com/openai/v1/realtime?model=gpt-realtime-mini";

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @CsvSource(delimiter = '|', value = {
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
        assertThat(RealtimeEndpoint.azureUrl(endpoint, "gpt-realtime-mini")).isEqualTo(expected);
    }

    @Test
    void deploymentNameIsUrlEncoded() {
        assertThat(RealtimeEndpoint.azureUrl("https://r.openai.azure.com", "my realtime/mini&x"))
                .isEqualTo("wss://r.openai.azure.com/openai/v1/realtime?model=my%20realtime%2Fmini%26x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://my-res.openai.azure.com", "http://10.0.0.5:8080", "ftp://my-res.openai.azure.com",
        "wss://my-res.openai.azure.com", "my-res.openai.azure.com", "https://my-res.openai.azure.com?api-version=2025",
        "https://user:pw@my-res.openai.azure.com", "https://", "https://bad host"})
    void unusableEndpointIsAConfigErrorNamingTheVariable(String endpoint) {
        assertThatThrownBy(() -> RealtimeEndpoint.azureUrl(endpoint, "d"))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("AZURE_OPENAI_ENDPOINT")
                .hasMessageNotContaining("pw");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void missingEndpointIsAConfigErrorNamingTheVariable(String endpoint) {
        assertThatThrownBy(() -> RealtimeEndpoint.azure(new GatewayProperties.Azure(endpoint, null, "k", null),
                () -> null))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("AZURE_OPENAI_ENDPOINT is not set");
    }

    @Test
    void azureWithAKeySendsOnlyTheApiKeyHeader() throws Exception {
        RealtimeEndpoint endpoint = RealtimeEndpoint.azure(
                new GatewayProperties.Azure("https://r.openai.azure.com", "dep", "sk-test-SECRET-123", null),
                () -> {
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
        RealtimeEndpoint endpoint = RealtimeEndpoint.openai(new GatewayProperties.OpenAi(null, null, "sk-test-SECRET-123"));

        Request request = endpoint.newRequest();

        assertThat(endpoint.url()).isEqualTo("wss://api.openai.com/v1/realtime?model=gpt-realtime-mini");
        assertThat(request.header("Authorization")).isEqualTo("Bearer sk-test-SECRET-123");
        assertThat(request.header("api-key")).isNull();
        assertThat(request.header("OpenAI-Beta")).isNull();
        assertThat(endpoint.toString()).doesNotContain("SECRET");
    }

    @Test
    void openaiWithoutAKeyIsAConfigErrorNamingTheVariable() {
        assertThatThrownBy(() -> RealtimeEndpoint.openai(new GatewayProperties.OpenAi(null, null, " ")))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("OPENAI_API_KEY");
    }

    @Test
    void openaiUrlMustBeSecureUnlessLoopback() {
        assertThatThrownBy(() -> RealtimeEndpoint.openai(new GatewayProperties.OpenAi("ws://api.example.com/v1/realtime",
                null, "k"))).isInstanceOf(GatewayConfigException.class);
        assertThat(RealtimeEndpoint.openai(new GatewayProperties.OpenAi("ws://127.0.0.1:9/v1/realtime", "m", "k")).url())
                .isEqualTo("ws://127.0.0.1:9/v1/realtime?model=m");
    }
}
