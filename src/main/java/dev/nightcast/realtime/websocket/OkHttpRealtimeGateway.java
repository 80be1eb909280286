package dev.nightcast.realtime.websocket;

import java.time.Clock;
import java.time.Duration;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.RealtimeGateway;
import dev.nightcast.realtime.RealtimeSession;
import dev.nightcast.realtime.SessionSettings;
import dev.nightcast.realtime.Voices;

/**
 * {@link RealtimeGateway} over OkHttp WebSockets. Thread-safe; every {@link #open} is a new
 * connection with fresh credentials.
 *
 * <p>The socket has no OkHttp read timeout: a narration legitimately waits for the model, and the
 * session's own idle and ceiling timers decide when silence is a failure. Pings every
 * {@value #PING_SECONDS}s detect a dead TCP connection that would otherwise look like silence.
 */
public final class OkHttpRealtimeGateway implements RealtimeGateway {

    static final int PING_SECONDS = 20;
    private static final Logger log = LoggerFactory.getLogger(OkHttpRealtimeGateway.class);

    private final OkHttpClient client;
    private final RealtimeEndpoint endpoint;
    private final Timeouts timeouts;
    private final Clock clock;

    /**
     * @param sharedClient the application's one client; a variant with our timeouts is derived
     *     from it so connection pool and threads stay shared
     */
    public OkHttpRealtimeGateway(OkHttpClient sharedClient, RealtimeEndpoint endpoint, Timeouts timeouts, Clock clock) {
        this.client = sharedClient
                .newBuilder()
                .connectTimeout(timeouts.connect())
                .readTimeout(Duration.ZERO)
                .pingInterval(Duration.ofSeconds(PING_SECONDS))
                .build();
        this.endpoint = endpoint;
        this.timeouts = timeouts;
        this.clock = clock;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A 401 to an Entra ID token is tried once more with a fresh token (it may have been revoked,
     * or issued before a role was granted). A {@link FailureKind#CONFIGURATION} failure names the
     * endpoint, model and auth form that were used, so the operator sees what to change.
     */
    @Override
    public String deployment() {
        return endpoint.name();
    }

    @Override
    public RealtimeSession open(SessionSettings settings) throws RealtimeException {
        if (!Voices.isKnown(settings.voice())) {
            throw FailureClassifier.unknownVoice(settings.voice(), Voices.KNOWN);
        }
        try {
            return connect(settings);
        } catch (RealtimeException e) {
            if (!FailureClassifier.isUnauthorized(e) || !endpoint.renewCredentials()) {
                throw namingTheEndpoint(e);
            }
            log.info("The gateway refused the Entra ID token (HTTP 401); trying once more with a fresh token");
            try {
                return connect(settings);
            } catch (RealtimeException again) {
                throw namingTheEndpoint(again);
            }
        }
    }

    private RealtimeSession connect(SessionSettings settings) throws RealtimeException {
        Request request = endpoint.newRequest();
        log.debug("connecting to {}", endpoint);
        WebSocketConnection connection = WebSocketConnection.connect(client, request);
        EventStream events = new EventStream(connection, clock, endpoint.settings());
        try {
            SessionSetup.Configured configured = new SessionSetup(events, timeouts.sessionReady()).configure(settings);
            return new OkHttpRealtimeSession(
                    events, timeouts, configured.expiresAt(), clock, settings.speed(), configured.model());
        } catch (RealtimeException | RuntimeException e) {
            connection.abort();
            throw e;
        }
    }

    private RealtimeException namingTheEndpoint(RealtimeException e) {
        if (e.kind() != FailureKind.CONFIGURATION) {
            return e;
        }
        return new RealtimeException(
                e.kind(),
                e.code(),
                e.getMessage() + " [used: " + endpoint + "]",
                e.retryAfter().orElse(null),
                e.getCause());
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
