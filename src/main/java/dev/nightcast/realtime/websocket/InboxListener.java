package dev.nightcast.realtime.websocket;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

import dev.nightcast.realtime.protocol.EventDecoder;

/**
 * Thin OkHttp listener: turns callbacks into {@link Inbound} values for the session's thread and
 * does nothing else, so no protocol logic runs on OkHttp's reader thread.
 *
 * <p>Callbacks that end the socket: {@code onClosing} (server close frame; answered with 1000),
 * {@code onFailure} (handshake rejected, network error, or our own cancel). {@code onClosed}
 * follows a completed close handshake and carries nothing new. Either of the first two completes
 * {@link #endedFuture()}: by then the server has seen the end of the socket.
 */
public final class InboxListener extends WebSocketListener {

    /** Frames that arrive by the thousand and need no prompt handling: audio and transcript deltas. */
    private static final List<String> BULK = Stream.concat(
                    EventDecoder.AUDIO_DELTA.stream(), EventDecoder.TRANSCRIPT_DELTA.stream())
            .map(type -> "{\"type\":\"" + type + "\"")
            .toList();

    private final Inbox inbox;
    private volatile boolean ended;
    private final CompletableFuture<Void> endedFuture = new CompletableFuture<>();

    InboxListener(Inbox inbox) {
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
        inbox.add(new Inbound.Frame(text), isBulk(text));
    }

    // A prefix test, not a parse: a delta in another field order just wakes the consumer at once.
    static boolean isBulk(String text) {
        for (String prefix : BULK) {
            if (text.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
        // The Realtime protocol is JSON text only; a binary frame is as useless as a malformed one.
        inbox.add(new Inbound.Frame(bytes.utf8()), false);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        ended = true;
        inbox.add(new Inbound.Closed(code, reason), false);
        webSocket.close(1000, null);
        endedFuture.complete(null);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        ended = true;
        inbox.add(
                response != null ? new Inbound.Rejected(HandshakeRejection.of(response)) : new Inbound.Failed(t),
                false);
        endedFuture.complete(null);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        endedFuture.complete(null);
    }
}
