package dev.nightcast.realtime.websocket;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.WebSocket;
import org.jspecify.annotations.Nullable;

import dev.nightcast.realtime.RealtimeException;

/**
 * Transport glue: one OkHttp WebSocket whose callbacks are queued for a single consumer thread.
 *
 * <p>Threading: {@link #poll} must be called from one thread at a time (the session's owner);
 * {@link #send}, {@link #close} and {@link #abort} are safe from any thread.
 */
public final class WebSocketConnection {

    private final WebSocket webSocket;
    private final InboxListener listener;
    private final Inbox inbox;
    private final String description;
    private volatile boolean closedByUs;

    private WebSocketConnection(WebSocket webSocket, InboxListener listener, Inbox inbox, String description) {
        this.webSocket = webSocket;
        this.listener = listener;
        this.inbox = inbox;
        this.description = description;
    }

    /** Starts connecting; the outcome arrives through {@link #poll}. */
    static WebSocketConnection connect(OkHttpClient client, Request request) {
        Inbox inbox = new Inbox();
        InboxListener listener = new InboxListener(inbox);
        WebSocket webSocket = client.newWebSocket(request, listener);
        String description = request.url().host() + request.url().encodedPath();
        return new WebSocketConnection(webSocket, listener, inbox, description);
    }

    /**
     * Waits up to {@code timeout} for the next inbound item.
     *
     * @return the item, or null when the time ran out
     */
    @Nullable
    Inbound poll(Duration timeout) throws RealtimeException {
        try {
            return inbox.poll(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
            throw FailureClassifier.interrupted(description, e);
        }
    }

    /** Queues a text frame; false when the socket is closing or failed (OkHttp drops the frame). */
    boolean send(String json) {
        return webSocket.send(json);
    }

    /** Completes when the server closed the socket (answering ours, or on its own) or it failed. */
    CompletionStage<Void> whenEnded() {
        return listener.endedFuture();
    }

    boolean isOpen() {
        return !closedByUs && !listener.ended();
    }

    /** Normal closure (1000); OkHttp cancels the socket if the server does not answer in time. */
    void close() {
        closedByUs = true;
        if (!webSocket.close(1000, "done")) {
            webSocket.cancel();
        }
    }

    /** Drops the socket at once, e.g. after a timeout, when the stream's state is unknown. */
    void abort() {
        closedByUs = true;
        webSocket.cancel();
    }

    /** Host and path, for messages; never the query or headers. */
    String description() {
        return description;
    }
}
