package dev.nightcast.realtime;

import java.time.Clock;
import java.time.Duration;

import dev.nightcast.realtime.simulator.RealtimeSimulator;
import okhttp3.OkHttpClient;

/** Gateways wired to local test servers. */
final class TestGateways {

    static final OkHttpClient CLIENT = new OkHttpClient();
    static final String KEY = "test-key-1";

    private TestGateways() {
    }

    /** Timeouts short enough that a failing test fails fast, long enough for a slow CI machine. */
    static GatewayProperties.Timeouts timeouts() {
        return new GatewayProperties.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(20), Duration.ofMillis(100));
    }

    static OkHttpRealtimeGateway azure(RealtimeSimulator simulator) {
        return azure(simulator.baseUrl(), timeouts());
    }

    static OkHttpRealtimeGateway azure(String baseUrl, GatewayProperties.Timeouts timeouts) {
        GatewayProperties.Azure azure = new GatewayProperties.Azure(baseUrl, "gpt-realtime-mini", KEY, null);
        return new OkHttpRealtimeGateway(CLIENT, RealtimeEndpoint.azure(azure, () -> {
            throw new AssertionError("no Entra ID with an API key");
        }), timeouts, Clock.systemUTC());
    }

    static SessionSettings marin() {
        return new SessionSettings("marin", "Read the script verbatim.");
    }

    static SegmentRequest segment(String episode, int index, String text) {
        return new SegmentRequest(episode, index, 1, text, "Read the text between <script> and </script> verbatim.");
    }
}
