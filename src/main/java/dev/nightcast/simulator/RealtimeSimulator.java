package dev.nightcast.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

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
 * <p>Point an Azure-style client at {@link #baseUrl()} with any non-empty key. It keeps no record of
 * what it serves, so it can serve whole nightly runs. Tests add faults, held responses, a session
 * quota and that record through {@link SimulatorHooks}. Thread-safe. {@link #close()} stops the
 * server and all streams.
 */
public final class RealtimeSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RealtimeSimulator.class);

    private final MockWebServer server;
    private final ExecutorService streams;
    private final SimulatorSettings settings;

    private RealtimeSimulator(MockWebServer server, ExecutorService streams, SimulatorSettings settings) {
        this.server = server;
        this.streams = streams;
        this.settings = settings;
    }

    /** Starts listening on 127.0.0.1 on a free port. */
    public static RealtimeSimulator start(SimulatorSettings settings) {
        return start(settings, SimulatorHooks.NONE);
    }

    /** Starts listening on 127.0.0.1 on a free port, with test hooks. */
    static RealtimeSimulator start(SimulatorSettings settings, SimulatorHooks hooks) {
        ExecutorService streams = Executors.newCachedThreadPool(daemonThreads());
        MockWebServer server = new MockWebServer();
        server.setServerSocketFactory(hooks.serverSockets());
        server.setDispatcher(new SimulatorDispatcher(settings, hooks, streams));
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            streams.shutdownNow();
            throw new UncheckedIOException("cannot start the Realtime simulator on 127.0.0.1", e);
        }
        log.info("Realtime simulator listening on http://127.0.0.1:{} ({})", server.getPort(), settings);
        return new RealtimeSimulator(server, streams, settings);
    }

    public SimulatorSettings settings() {
        return settings;
    }

    /** {@code http://127.0.0.1:<port>}, usable as {@code AZURE_OPENAI_ENDPOINT}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getPort();
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
