package dev.nightcast.simulator;

import java.util.concurrent.Executor;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * Answers WebSocket handshakes like the GA service: rejects wrong paths, {@code api-version} and
 * missing credentials, and upgrades everything else to a {@link SimulatedSession}. Accepts the
 * Azure path ({@code /openai/v1/realtime}) and the OpenAI one ({@code /v1/realtime}); any non-empty
 * key or bearer token is accepted. The {@link SimulatorHooks} may answer a handshake before it is
 * checked, or refuse a session that passed the checks.
 */
final class SimulatorDispatcher extends Dispatcher {

    private final SimulatorSettings settings;
    private final SimulatorHooks hooks;
    private final Executor streams;

    SimulatorDispatcher(SimulatorSettings settings, SimulatorHooks hooks, Executor streams) {
        this.settings = settings;
        this.hooks = hooks;
        this.streams = streams;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        MockResponse instead = hooks.handshake(request);
        if (instead != null) {
            return instead;
        }
        HttpUrl url = request.getUrl();
        Headers headers = request.getHeaders();
        if (!url.encodedPath().equals("/openai/v1/realtime")
                && !url.encodedPath().equals("/v1/realtime")) {
            return error(404, "404", "Resource not found");
        }
        if (url.queryParameter("api-version") != null) {
            return error(401, "401", "Access denied due to invalid subscription key or wrong API endpoint.");
        }
        String model = url.queryParameter("model");
        if (model == null || model.isBlank()) {
            return error(400, "BadRequest", "Missing required query parameter 'model'.");
        }
        if (!hasCredential(headers)) {
            return error(
                    401,
                    "401",
                    "Access denied due to invalid subscription key or wrong API endpoint. Make sure"
                            + " to provide a valid key for an active subscription.");
        }
        if (!"websocket".equalsIgnoreCase(headers.get("Upgrade"))) {
            return error(400, "BadRequest", "This endpoint only accepts WebSocket connections.");
        }
        MockResponse refusal = hooks.sessionOpening(request);
        if (refusal != null) {
            return refusal;
        }
        SimulatedSession session = new SimulatedSession(
                settings, hooks, streams, request.getConnectionIndex(), model, headers.get("OpenAI-Beta") != null);
        return new MockResponse.Builder().webSocketUpgrade(session).build();
    }

    private static boolean hasCredential(Headers headers) {
        String key = headers.get("api-key");
        String authorization = headers.get("Authorization");
        return (key != null && !key.isBlank())
                || (authorization != null && authorization.startsWith("Bearer ") && authorization.length() > 7);
    }

    private static MockResponse error(int status, String code, String message) {
        return new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", "application/json")
                .body("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}")
                .build();
    }
}
