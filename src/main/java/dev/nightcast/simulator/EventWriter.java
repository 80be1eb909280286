package dev.nightcast.simulator;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.WebSocket;
import org.jspecify.annotations.Nullable;

/**
 * Builds and sends server events on one simulated connection. Thread-safe (OkHttp's
 * {@code send} is); every event gets a fresh {@code event_id}.
 */
final class EventWriter {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    // OkHttp fails a socket whose outgoing queue passes 16 MiB; stay far below when streaming fast.
    private static final long HIGH_WATER_BYTES = 2L * 1024 * 1024;

    private final WebSocket socket;
    private final AtomicLong counter = new AtomicLong();
    private final String eventPrefix = id("event");

    EventWriter(WebSocket socket) {
        this.socket = socket;
    }

    /** A random id in the service's style, e.g. {@code resp_3f9a…}. */
    static String id(String prefix) {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return prefix + "_" + HexFormat.of().formatHex(bytes);
    }

    ObjectNode event(String type) {
        return MAPPER.createObjectNode().put("type", type).put("event_id", nextEventId());
    }

    /** A fresh {@code event_id} for an event built by hand. */
    String nextEventId() {
        return eventPrefix + counter.incrementAndGet();
    }

    ObjectNode error(String type, String code, String message, @Nullable String param, @Nullable String clientEventId) {
        ObjectNode event = event("error");
        event.putObject("error")
                .put("type", type)
                .put("code", code)
                .put("message", message)
                .put("param", param)
                .put("event_id", clientEventId);
        return event;
    }

    /** False when the socket is closing or gone; the caller should stop streaming. */
    boolean send(ObjectNode event) {
        try {
            return socket.send(MAPPER.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean sendRaw(String text) {
        return socket.send(text);
    }

    /** Waits while too much is queued for the client, so streaming faster than the network is safe. */
    void awaitDrain() throws InterruptedException {
        while (socket.queueSize() > HIGH_WATER_BYTES) {
            Thread.sleep(1);
        }
    }

    void close(int code, String reason) {
        socket.close(code, reason);
    }
}
