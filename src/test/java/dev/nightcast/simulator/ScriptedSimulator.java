package dev.nightcast.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * The product's {@link RealtimeSimulator} with what tests need on top, through its
 * {@link SimulatorHooks}: {@link Fault}s queued for the next handshakes and responses, outages,
 * {@link ResponseHold}s that pin responses in flight, a session quota, and a record of what it saw
 * (counters exact; handshakes, narrations and client frames the latest {@value SimulatorLedger#HISTORY})
 * with gauges of how much was in flight at once. Thread-safe.
 */
public final class ScriptedSimulator implements AutoCloseable {

    static final Duration SESSION_LIMIT_RETRY_AFTER = Duration.ofSeconds(1);

    private final RealtimeSimulator simulator;
    private final SimulatorLedger ledger;
    private final TrackingServerSocketFactory sockets;
    private final AtomicReference<String> snapshot;

    private ScriptedSimulator(
            RealtimeSimulator simulator,
            SimulatorLedger ledger,
            TrackingServerSocketFactory sockets,
            AtomicReference<String> snapshot) {
        this.snapshot = snapshot;
        this.simulator = simulator;
        this.ledger = ledger;
        this.sockets = sockets;
    }

    /** Starts listening on 127.0.0.1 on a free port, without a session quota. */
    public static ScriptedSimulator start(SimulatorSettings settings) {
        return start(settings, 0);
    }

    /**
     * Starts listening on 127.0.0.1 on a free port. Beyond {@code maxSessions} open sessions a
     * handshake is refused with HTTP 429 and {@code Retry-After: 1}, as a quota-limited deployment
     * does (0: no limit). A session counts from its upgrade until the server sees its end (the
     * client's close frame, or the socket failing), which is what a quota-keeping service can know.
     */
    public static ScriptedSimulator start(SimulatorSettings settings, int maxSessions) {
        if (maxSessions < 0) {
            throw new IllegalArgumentException("maxSessions must be zero (unlimited) or positive: " + maxSessions);
        }
        SimulatorLedger ledger = new SimulatorLedger();
        TrackingServerSocketFactory sockets = new TrackingServerSocketFactory();
        AtomicReference<String> snapshot = new AtomicReference<>();
        RealtimeSimulator simulator =
                RealtimeSimulator.start(settings, new Hooks(ledger, sockets, maxSessions, snapshot));
        return new ScriptedSimulator(simulator, ledger, sockets, snapshot);
    }

    /**
     * Makes new sessions report {@code modelSnapshot} in {@code session.created} (null: the settings'
     * snapshot again), as a deployment that was moved to another model snapshot does.
     */
    public void reportModelSnapshot(String modelSnapshot) {
        snapshot.set(modelSnapshot);
    }

    public SimulatorSettings settings() {
        return simulator.settings();
    }

    /** {@code http://127.0.0.1:<port>}, usable as {@code AZURE_OPENAI_ENDPOINT}. */
    public String baseUrl() {
        return simulator.baseUrl();
    }

    /** Queues a fault for the next handshake or the next response, depending on its kind. */
    public void enqueueFault(Fault fault) {
        ledger.enqueue(fault);
    }

    /**
     * The service goes down: every open connection is reset without a close frame, and every
     * handshake from now on is answered with {@code rejection} (once the queued handshake faults are
     * used up) until {@link #endOutage()}.
     */
    public void startOutage(Fault.OnHandshake rejection) {
        ledger.startOutage(rejection);
        sockets.resetAll();
    }

    /** The service is back: handshakes are accepted again. */
    public void endOutage() {
        ledger.endOutage();
    }

    /**
     * Holds every response accepted from now on whose {@link Narration} matches, after its
     * {@code response.created} and before its first audio, until the returned hold is released.
     * Held responses count as in flight. The client's idle timeout still applies to them.
     */
    public ResponseHold holdResponses(Predicate<Narration> which) {
        return ledger.hold(which);
    }

    /** Handshakes received, including rejected ones. */
    public int connections() {
        return ledger.connections();
    }

    /** {@code response.create}s accepted (not those rejected by an error event). */
    public int responsesCreated() {
        return ledger.responsesCreated();
    }

    /** Sessions open right now: upgraded, and their end not yet seen by the server. */
    public int activeSessions() {
        return ledger.sessions().current();
    }

    /** The most sessions that were ever open at once. */
    public int peakSessions() {
        return ledger.sessions().peak();
    }

    /** Handshakes refused with 429 because the quota's sessions were open. */
    public int sessionsRefused() {
        return ledger.sessionsRefused();
    }

    /** Responses in flight right now: accepted and not yet ended (held ones included). */
    public int activeResponses() {
        return ledger.responses().current();
    }

    /** The most responses that were ever in flight at once (since {@link #resetPeaks()}). */
    public int peakResponses() {
        return ledger.responses().peak();
    }

    /** Starts the peaks of sessions and responses afresh, e.g. for the next test on a shared simulator. */
    public void resetPeaks() {
        ledger.sessions().resetPeak();
        ledger.responses().resetPeak();
    }

    /** PCM bytes sent in audio deltas so far, over all responses (48,000 per second of audio). */
    public long audioBytesSent() {
        return ledger.audioBytes();
    }

    /** Accepted responses in arrival order, with their metadata (the latest 1,000). */
    public List<Narration> narrations() {
        return ledger.narrations();
    }

    /** The script texts of accepted responses, in arrival order (the latest 1,000). */
    public List<String> narratedTexts() {
        return ledger.narrations().stream().map(Narration::text).toList();
    }

    /** Client frames received, raw, in arrival order (the latest 1,000). */
    public List<String> clientEvents() {
        return ledger.clientEvents();
    }

    /** Handshakes received, in arrival order (the latest 1,000). */
    public List<RecordedHandshake> handshakes() {
        return ledger.handshakes();
    }

    /** The latest handshake, or null before the first. */
    public RecordedHandshake lastHandshake() {
        List<RecordedHandshake> all = ledger.handshakes();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    @Override
    public void close() {
        simulator.close();
    }

    @Override
    public String toString() {
        return "ScriptedSimulator[" + baseUrl() + "]";
    }

    /** Records what the simulator sees in the ledger and plays the faults queued there. */
    private record Hooks(
            SimulatorLedger ledger,
            TrackingServerSocketFactory sockets,
            int maxSessions,
            AtomicReference<String> snapshot)
            implements SimulatorHooks {

        @Override
        public String modelSnapshot(String configured) {
            String set = snapshot.get();
            return set != null ? set : configured;
        }

        @Override
        public TrackingServerSocketFactory serverSockets() {
            return sockets;
        }

        @Override
        public MockResponse handshake(RecordedRequest request) {
            HttpUrl url = request.getUrl();
            ledger.handshake(new RecordedHandshake(url.encodedPath(), url.encodedQuery(), toMap(request.getHeaders())));
            Fault.OnHandshake fault = ledger.nextHandshakeFault();
            if (fault instanceof Fault.RejectHandshake reject) {
                return rejection(reject);
            }
            if (fault instanceof Fault.ResetConnection) {
                return new MockResponse.Builder()
                        .onResponseStart(new SocketEffect.CloseSocket())
                        .build();
            }
            if (fault instanceof Fault.BetaProtocolOnly) {
                return new MockResponse.Builder()
                        .webSocketUpgrade(new BetaOnlySession())
                        .build();
            }
            return null;
        }

        @Override
        public MockResponse sessionOpening(RecordedRequest request) {
            if (ledger.trySessionStart(maxSessions)) {
                return null;
            }
            return rejection((Fault.RejectHandshake) Fault.rateLimited(
                    SESSION_LIMIT_RETRY_AFTER,
                    "Too many concurrent sessions: this deployment allows " + maxSessions + "."));
        }

        @Override
        public void sessionEnded() {
            ledger.sessionEnded();
        }

        @Override
        public void clientEvent(String json) {
            ledger.clientEvent(json);
        }

        @Override
        public ResponseTwist response(int connection, JsonNode metadata, String scriptText) {
            Fault.OnResponse fault = ledger.nextResponseFault();
            if (fault instanceof Fault.ErrorEvent) {
                return new FaultTwist(fault, null, () -> {});
            }
            Narration narration = new Narration(
                    metadata.path("episode").asText(null),
                    metadata.path("segment").asText(null),
                    metadata.path("attempt").asText(null),
                    scriptText);
            ledger.responseCreated(narration);
            ledger.responseStarted();
            return new FaultTwist(fault, ledger.holdFor(narration), () -> sockets.reset(connection));
        }

        @Override
        public void responseEnded() {
            ledger.responseEnded();
        }

        @Override
        public void audioSent(long bytes) {
            ledger.audioSent(bytes);
        }

        private static MockResponse rejection(Fault.RejectHandshake reject) {
            MockResponse.Builder response =
                    new MockResponse.Builder().code(reject.status()).body(reject.body());
            reject.headers().forEach(response::setHeader);
            return response.build();
        }

        private static Map<String, String> toMap(Headers headers) {
            Map<String, String> map = new LinkedHashMap<>();
            for (String name : headers.names()) {
                map.put(name, headers.get(name));
            }
            return map;
        }
    }
}
