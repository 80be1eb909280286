package dev.nightcast.simulator;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/** Client-side listener that records callbacks for a test thread to take with timeouts. */
final class WebSocketRecorder extends WebSocketListener {

    record Open(Response response) {}

    record Message(JsonNode json) {}

    record Closing(int code, String reason) {}

    record Failure(Throwable t, Response response) {}

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        events.add(new Open(response));
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        try {
            events.add(new Message(MAPPER.readTree(text)));
        } catch (Exception e) {
            events.add(new Failure(e, null));
        }
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        events.add(new Closing(code, reason));
        webSocket.close(1000, null);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        events.add(new Failure(t, response));
    }

    Object next() throws InterruptedException {
        Object event = events.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no callback within " + TIMEOUT);
        }
        return event;
    }

    <T> T next(Class<T> type) throws InterruptedException {
        Object event = next();
        if (!type.isInstance(event)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but was " + event);
        }
        return type.cast(event);
    }

    /** The next server event, which must have this type. */
    JsonNode nextEvent(String type) throws InterruptedException {
        JsonNode json = next(Message.class).json();
        if (!type.equals(json.path("type").asText())) {
            throw new AssertionError("expected " + type + " but was " + json);
        }
        return json;
    }

    /** Skips events until one of this type arrives. */
    JsonNode awaitEvent(String type) throws InterruptedException {
        while (true) {
            JsonNode json = next(Message.class).json();
            if (type.equals(json.path("type").asText())) {
                return json;
            }
        }
    }

    void assertExhausted() {
        if (!events.isEmpty()) {
            throw new AssertionError("unconsumed callbacks: " + events);
        }
    }
}
