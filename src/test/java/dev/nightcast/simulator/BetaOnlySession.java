package dev.nightcast.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * An endpoint that speaks only the old beta (preview) protocol ({@link Fault.BetaProtocolOnly}): a
 * beta-shaped {@code session.created}, and a GA {@code session.update} answered as Azure's preview
 * path does (protocol reference §0): {@code error} {@code unknown_parameter} on {@code session.type}.
 */
final class BetaOnlySession extends WebSocketListener {

    private volatile EventWriter out;

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        out = new EventWriter(webSocket);
        ObjectNode session = EventWriter.MAPPER
                .createObjectNode()
                .put("id", EventWriter.id("sess"))
                .put("object", "realtime.session")
                .put("voice", "alloy")
                .put("output_audio_format", "pcm16");
        session.putArray("modalities").add("text").add("audio");
        ObjectNode created = out.event("session.created");
        created.set("session", session);
        out.send(created);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        JsonNode event;
        try {
            event = EventWriter.MAPPER.readTree(text);
        } catch (Exception e) {
            return;
        }
        String eventId = event.path("event_id").asText(null);
        if ("session.update".equals(event.path("type").asText())
                && event.path("session").has("type")) {
            out.send(out.error(
                    "invalid_request_error",
                    "unknown_parameter",
                    "Unknown parameter: 'session.type'.",
                    "session.type",
                    eventId));
        } else {
            out.send(out.error(
                    "invalid_request_error",
                    "invalid_value",
                    "This preview endpoint is only simulated" + " far enough to refuse a GA session.update.",
                    "type",
                    eventId));
        }
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        webSocket.close(1000, null);
    }
}
