package dev.nightcast.simulator;

import javax.net.ServerSocketFactory;

import com.fasterxml.jackson.databind.JsonNode;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.jspecify.annotations.Nullable;

/**
 * Where tests look into the simulator and make it misbehave (faults, held responses, a session
 * quota, a record of what it saw: all in test code). The product runs with {@link #NONE}: the
 * simulator then keeps no record and answers as the service does. Every default is "as the
 * service"; implementations are called from the server's threads at once and must be thread-safe.
 */
interface SimulatorHooks {

    SimulatorHooks NONE = new SimulatorHooks() {};

    /** The model snapshot a new session's {@code session.created} names; a test may change it between runs. */
    default String modelSnapshot(String configured) {
        return configured;
    }

    /** What the server accepts connections with; a test may keep the sockets to reset them later. */
    default ServerSocketFactory serverSockets() {
        return ServerSocketFactory.getDefault();
    }

    /** A handshake arrived, before it is checked: the answer to give instead, or null. */
    default @Nullable MockResponse handshake(RecordedRequest request) {
        return null;
    }

    /**
     * A handshake passed every check and its session is about to open: the answer to give instead
     * (a refusal), or null to open it. Every session opened ends with one {@link #sessionEnded()}.
     */
    default @Nullable MockResponse sessionOpening(RecordedRequest request) {
        return null;
    }

    default void sessionEnded() {}

    /** A client frame, raw, as received. */
    default void clientEvent(String json) {}

    /**
     * A {@code response.create} on connection {@code connection} (MockWebServer's connection index)
     * passed the protocol checks: how this response departs from the service's behaviour. Unless
     * the twist refuses it, the response ends with one {@link #responseEnded()}.
     *
     * @param metadata the client's {@code metadata} object (a missing node when there is none)
     * @param scriptText the text inside the input's {@code <script…>} frame
     */
    default ResponseTwist response(int connection, JsonNode metadata, String scriptText) {
        return ResponseTwist.NONE;
    }

    default void responseEnded() {}

    /** PCM bytes of one audio delta just sent. */
    default void audioSent(long bytes) {}
}
