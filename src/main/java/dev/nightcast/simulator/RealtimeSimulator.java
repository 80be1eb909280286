package dev.nightcast.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import mockwebserver3.MockWebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process Realtime API on a real loopback socket (127.0.0.1, ephemeral port) that speaks the
 * GA protocol: {@code session.created}/{@code session.update}/{@code session.updated}, out-of-band
 * {@code response.create} answered with a transcript and synthetic tone audio (PCM16 24 kHz) at
 * a configurable pace, realistic usage, and the service's 4,096-output-token cap. It tolerates
 * nothing the real service would not: a missing {@code session.type}, beta fields, the
 * {@code OpenAI-Beta} header, {@code api-version} and missing credentials are rejected.
 *
 * <p>Point an Azure-style client at {@link #baseUrl()} with any non-empty key. Tests and fault
 * injection script misbehaviour with {@link #enqueueFault}, and {@link #holdResponses} pins
 * responses in flight; what the simulator saw is available from the counters, and how much was in
 * flight at once from the gauges ({@link #activeSessions()}, {@link #peakResponses()}, ...).
 * With {@link SimulatorSettings#maxSessions()} it refuses sessions beyond a quota, like a
 * deployment with limited capacity. Thread-safe. {@link #close()} stops the server and all streams.
 */
public final class RealtimeSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RealtimeSimulator.class);

    private final MockWebServer server;
    private final SimulatorLedger ledger;
    private final ExecutorService streams;
    private final TrackingServerSocketFactory sockets;
    private final SimulatorSettings settings;

    private RealtimeSimulator(MockWebServer server, SimulatorLedger ledger, ExecutorService streams,
            TrackingServerSocketFactory sockets, SimulatorSettings settings) {
        this.server = server;
        this.ledger = ledger;
        this.streams = streams;
        this.sockets = sockets;
        this.settings = settings;
    }

    /** Starts listening on 127.0.0.1 on a free port. */
    public static RealtimeSimulator start(SimulatorSettings settings) {
        SimulatorLedger ledger = new SimulatorLedger();
        ExecutorService streams = Executors.newCachedThreadPool(daemonThreads());
        TrackingServerSocketFactory sockets = new TrackingServerSocketFactory();
        MockWebServer server = new MockWebServer();
        server.setServerSocketFactory(sockets);
        server.setDispatcher(new SimulatorDispatcher(settings, ledger, sockets, streams));
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            streams.shutdownNow();
            throw new UncheckedIOException("cannot start the Realtime simulator on 127.0.0.1", e);
        }
        log.info("Realtime simulator listening on http://127.0.0.1:{} ({})", server.getPort(), settings);
        return new RealtimeSimulator(server, ledger, streams, sockets, settings);
    }

    public SimulatorSettings settings() {
        return settings;
    }

    /** {@code http://127.0.0.1:<port>}, usable as {@code AZURE_OPENAI_ENDPOINT}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getPort();
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

    /** Handshakes refused with 429 because {@link SimulatorSettings#maxSessions()} sessions were open. */
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

    /**
     * Holds every response accepted from now on whose {@link Narration} matches, after its
     * {@code response.created} and before its first audio, until the returned hold is released.
     * Held responses count as in flight. The client's idle timeout still applies to them.
     */
    public ResponseHold holdResponses(Predicate<Narration> which) {
        return ledger.hold(which);
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
        streams.shutdownNow();
        try {
            server.close();
        } catch (AssertionError e) {
            // MockWebServer gives up after 5 s on a connection that will not end; nothing to leak but a thread.
            log.warn("Realtime simulator did not shut down cleanly: {}", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "RealtimeSimulator[" + baseUrl() + "]";
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "realtime-simulator-stream-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
