package dev.nightcast.realtime.websocket;

import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * A hand-scripted server side for one connection, for protocol corners the simulator never
 * produces: sends {@code session.created}, answers {@code session.update} with a
 * {@code session.updated} carrying {@code updatedVoice}, and answers {@code response.create} by
 * running {@code onResponse} with the socket.
 */
final class ScriptedRealtimeServer extends WebSocketListener {

    private final String updatedVoice;
    private final Consumer<WebSocket> onResponse;

    ScriptedRealtimeServer(String updatedVoice, Consumer<WebSocket> onResponse) {
        this.updatedVoice = updatedVoice;
        this.onResponse = onResponse;
    }

    /** A server that answers every response.create with these frames. */
    static ScriptedRealtimeServer answering(List<String> frames) {
        return new ScriptedRealtimeServer("marin", socket -> frames.forEach(socket::send));
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        webSocket.send("{\"type\":\"session.created\",\"event_id\":\"e1\",\"session\":{\"id\":\"sess_1\","
                + "\"audio\":{\"output\":{\"voice\":\"alloy\"}}}}");
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        if (text.contains("\"session.update\"")) {
            webSocket.send("{\"type\":\"session.updated\",\"event_id\":\"e2\",\"session\":{\"type\":\"realtime\","
                    + "\"audio\":{\"output\":{\"voice\":\"" + updatedVoice + "\",\"format\":{\"type\":\"audio/pcm\","
                    + "\"rate\":24000}}}}}");
        } else if (text.contains("\"response.create\"")) {
            onResponse.accept(webSocket);
        }
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        webSocket.close(1000, null);
    }

    static String created() {
        return "{\"type\":\"response.created\",\"event_id\":\"e3\",\"response\":{\"id\":\"resp_1\",\"status\":\"in_progress\"}}";
    }

    static String audio(String type, byte... pcm) {
        return "{\"type\":\"" + type + "\",\"response_id\":\"resp_1\",\"delta\":\""
                + Base64.getEncoder().encodeToString(pcm) + "\"}";
    }

    static String transcriptDelta(String type, String text) {
        return "{\"type\":\"" + type + "\",\"delta\":\"" + text + "\",\"obfuscation\":\"abc\"}";
    }

    static String done(String status) {
        return "{\"type\":\"response.done\",\"response\":{\"id\":\"resp_1\",\"status\":\"" + status + "\","
                + "\"usage\":{\"input_tokens\":5,\"output_tokens\":9,\"output_token_details\":{\"text_tokens\":2,"
                + "\"audio_tokens\":7}}}}";
    }
}
