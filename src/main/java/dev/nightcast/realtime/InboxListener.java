package dev.nightcast.realtime;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;

import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * Thin OkHttp listener: turns callbacks into {@link Inbound} values for the session's thread and
 * does nothing else, so no protocol logic runs on OkHttp's reader thread.
 *
 * <p>Callbacks that end the socket: {@code onClosing} (server close frame; answered with 1000),
 * {@code onFailure} (handshake rejected, network error, or our own cancel). {@code onClosed}
 * follows a completed close handshake and carries nothing new. Either of the first two completes
 * {@link #endedFuture()}: by then the server has seen the end of the socket.
 */
final class InboxListener extends WebSocketListener {

    private final BlockingQueue<Inbound> inbox;
    private volatile boolean ended;
    private final CompletableFuture<Void> endedFuture = new CompletableFuture<>();

    InboxListener(BlockingQueue<Inbound> inbox) {
        this.inbox = inbox;
    }

    /** True once the server closed or the socket failed. */
    boolean ended() {
        return ended;
    }

    /** Completes when the server closed or the socket failed (including our own cancel). */
    CompletableFuture<Void> endedFuture() {
        return endedFuture;
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        inbox.add(new Inbound.Frame(text));
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
        // The Realtime protocol is JSON text only; a binary frame is as useless as a malformed one.
        inbox.add(new Inbound.Frame(bytes.utf8()));
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        ended = true;
        inbox.add(new Inbound.Closed(code, reason));
        webSocket.close(1000, null);
        endedFuture.complete(null);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        ended = true;
        inbox.add(response != null ? new Inbound.Rejected(HandshakeRejection.of(response)) : new Inbound.Failed(t));
        endedFuture.complete(null);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        endedFuture.complete(null);
    }
}
