package dev.nightcast.realtime.websocket;

import java.time.Clock;
import java.time.Duration;

import okhttp3.OkHttpClient;

import dev.nightcast.gateway.Endpoints;
import dev.nightcast.gateway.GatewayProperties;
import dev.nightcast.realtime.SegmentRequest;
import dev.nightcast.realtime.SessionSettings;
import dev.nightcast.simulator.ScriptedSimulator;

/** Gateways wired to local test servers. */
public final class TestGateways {

    static final OkHttpClient CLIENT = new OkHttpClient();
    static final String KEY = "test-key-1";

    private TestGateways() {}

    /** Timeouts short enough that a failing test fails fast, long enough for a slow CI machine. */
    static Timeouts timeouts() {
        return new Timeouts(
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Duration.ofSeconds(20),
                Duration.ofMillis(100));
    }

    static OkHttpRealtimeGateway azure(ScriptedSimulator simulator) {
        return azure(simulator.baseUrl(), timeouts());
    }

    static OkHttpRealtimeGateway azure(String baseUrl, Timeouts timeouts) {
        GatewayProperties.Azure azure = new GatewayProperties.Azure(baseUrl, "gpt-realtime-mini", KEY, null);
        return new OkHttpRealtimeGateway(
                CLIENT,
                Endpoints.azure(azure, () -> {
                    throw new AssertionError("no Entra ID with an API key");
                }),
                timeouts,
                Clock.systemUTC());
    }

    public static SessionSettings marin() {
        return new SessionSettings("marin", "Read the script verbatim.");
    }

    public static SegmentRequest segment(String episode, int index, String text) {
        return new SegmentRequest(episode, index, 1, text, "Read the text between <script> and </script> verbatim.");
    }
}
