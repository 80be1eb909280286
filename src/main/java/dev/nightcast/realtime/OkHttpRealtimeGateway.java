package dev.nightcast.realtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * {@link RealtimeGateway} over OkHttp WebSockets. Thread-safe; every {@link #open} is a new
 * connection with fresh credentials.
 *
 * <p>The socket has no OkHttp read timeout: a narration legitimately waits for the model, and the
 * session's own idle and ceiling timers decide when silence is a failure. Pings every
 * {@value #PING_SECONDS}s detect a dead TCP connection that would otherwise look like silence.
 */
final class OkHttpRealtimeGateway implements RealtimeGateway {

    static final int PING_SECONDS = 20;
    private static final Logger log = LoggerFactory.getLogger(OkHttpRealtimeGateway.class);

    private final OkHttpClient client;
    private final RealtimeEndpoint endpoint;
    private final GatewayProperties.Timeouts timeouts;
    private final Clock clock;

    /**
     * @param sharedClient the application's one client; a variant with our timeouts is derived
     *     from it so connection pool and threads stay shared
     */
    OkHttpRealtimeGateway(OkHttpClient sharedClient, RealtimeEndpoint endpoint, GatewayProperties.Timeouts timeouts,
            Clock clock) {
        this.client = sharedClient.newBuilder()
                .connectTimeout(timeouts.connect())
                .readTimeout(Duration.ZERO)
                .pingInterval(Duration.ofSeconds(PING_SECONDS))
                .build();
        this.endpoint = endpoint;
        this.timeouts = timeouts;
        this.clock = clock;
    }

    @Override
    public RealtimeSession open(SessionSettings settings) throws RealtimeException {
        if (!Voices.isKnown(settings.voice())) {
            throw new RealtimeException(FailureKind.PERMANENT, "invalid_voice", "voice '" + settings.voice()
                    + "' is not a Realtime voice; use one of " + Voices.KNOWN);
        }
        Request request = endpoint.newRequest();
        log.debug("connecting to {}", endpoint);
        WebSocketConnection connection = WebSocketConnection.connect(client, request);
        EventStream events = new EventStream(connection, clock);
        try {
            Instant expiresAt = new SessionSetup(events, timeouts.sessionReady()).configure(settings);
            return new OkHttpRealtimeSession(events, timeouts, expiresAt, clock);
        } catch (RealtimeException | RuntimeException e) {
            connection.abort();
            throw e;
        }
    }

    @Override
    public String model() {
        return endpoint.model();
    }

    @Override
    public String toString() {
        return "OkHttpRealtimeGateway[" + endpoint + "]";
    }
}
