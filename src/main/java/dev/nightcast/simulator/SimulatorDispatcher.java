package dev.nightcast.simulator;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers WebSocket handshakes like the GA service: records them, applies queued handshake faults,
 * rejects wrong paths, {@code api-version} and missing credentials, and upgrades everything else
 * to a {@link SimulatedSession}. Accepts the Azure path ({@code /openai/v1/realtime}) and the
 * OpenAI one ({@code /v1/realtime}); any non-empty key or bearer token is accepted.
 *
 * <p>With a session limit, a handshake beyond {@code maxSessions} open sessions is refused with
 * HTTP 429 and {@code Retry-After: 1}. A session counts from its upgrade until the server sees its
 * end (the client's close frame, or the socket failing), which is what a quota-keeping service can
 * know.
 */
final class SimulatorDispatcher extends Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(SimulatorDispatcher.class);
    static final Duration SESSION_LIMIT_RETRY_AFTER = Duration.ofSeconds(1);

    private final SimulatorSettings settings;
    private final SimulatorLedger ledger;
    private final TrackingServerSocketFactory sockets;
    private final Executor streams;

    SimulatorDispatcher(SimulatorSettings settings, SimulatorLedger ledger, TrackingServerSocketFactory sockets,
            Executor streams) {
        this.settings = settings;
        this.ledger = ledger;
        this.sockets = sockets;
        this.streams = streams;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        HttpUrl url = request.getUrl();
        Headers headers = request.getHeaders();
        ledger.handshake(new RecordedHandshake(url.encodedPath(), url.encodedQuery(), toMap(headers)));

        Fault.OnHandshake fault = ledger.nextHandshakeFault();
        if (fault instanceof Fault.RejectHandshake reject) {
            return rejection(reject);
        }
        if (fault instanceof Fault.ResetConnection) {
            return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
        }
        if (!url.encodedPath().equals("/openai/v1/realtime") && !url.encodedPath().equals("/v1/realtime")) {
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
            return error(401, "401", "Access denied due to invalid subscription key or wrong API endpoint. Make sure"
                    + " to provide a valid key for an active subscription.");
        }
        if (!"websocket".equalsIgnoreCase(headers.get("Upgrade"))) {
            return error(400, "BadRequest", "This endpoint only accepts WebSocket connections.");
        }
        if (!ledger.trySessionStart(settings.maxSessions())) {
            return rejection((Fault.RejectHandshake) Fault.rateLimited(SESSION_LIMIT_RETRY_AFTER,
                    "Too many concurrent sessions: this deployment allows " + settings.maxSessions() + "."));
        }
        int connection = request.getConnectionIndex();
        SimulatedSession session = new SimulatedSession(settings, ledger, streams, () -> drop(connection), model,
                headers.get("OpenAI-Beta") != null, fault instanceof Fault.BetaProtocolOnly);
        return new MockResponse.Builder().webSocketUpgrade(session).build();
    }

    private static MockResponse rejection(Fault.RejectHandshake reject) {
        MockResponse.Builder response = new MockResponse.Builder().code(reject.status()).body(reject.body());
        reject.headers().forEach(response::setHeader);
        return response.build();
    }

    private static boolean hasCredential(Headers headers) {
        String key = headers.get("api-key");
        String authorization = headers.get("Authorization");
        return (key != null && !key.isBlank())
                || (authorization != null && authorization.startsWith("Bearer ") && authorization.length() > 7);
    }

    /** Resets the TCP connection: the client sees no close frame, just a dead socket. */
    private void drop(int connection) {
        sockets.reset(connection);
    }

    private static MockResponse error(int status, String code, String message) {
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
                .body("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}").build();
    }

    private static Map<String, String> toMap(Headers headers) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : headers.names()) {
            map.put(name, headers.get(name));
        }
        return map;
    }
}
