package dev.nightcast.simulator;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The effective session configuration of one simulated connection, starting from the service's
 * defaults (server VAD on, the chatty default persona, voice {@code alloy}) and merged with every
 * accepted {@code session.update}: only fields present in an update change.
 */
final class SessionConfig {

    private static final long SESSION_SECONDS = 30 * 60; // Azure's documented maximum

    private final ObjectNode session;

    SessionConfig(String model) {
        session = EventWriter.MAPPER.createObjectNode();
        session.put("object", "realtime.session")
                .put("type", "realtime")
                .put("id", EventWriter.id("sess"))
                .put("model", model)
                .put("expires_at", Instant.now().getEpochSecond() + SESSION_SECONDS);
        session.putArray("output_modalities").add("audio");
        session.put(
                "instructions",
                "Your knowledge cutoff is 2023-10. You are a helpful, witty, and friendly AI."
                        + " Act like a human, but remember that you aren't a human.");
        session.putArray("tools");
        session.put("tool_choice", "auto").put("max_output_tokens", "inf").put("truncation", "auto");
        session.putNull("tracing");
        session.putNull("prompt");
        ObjectNode audio = session.putObject("audio");
        ObjectNode input = audio.putObject("input");
        input.putObject("format").put("type", "audio/pcm").put("rate", ToneGenerator.SAMPLE_RATE);
        input.putNull("transcription");
        input.putNull("noise_reduction");
        input.putObject("turn_detection")
                .put("type", "server_vad")
                .put("threshold", 0.5)
                .put("prefix_padding_ms", 300)
                .put("silence_duration_ms", 200)
                .put("create_response", true)
                .put("interrupt_response", true);
        ObjectNode output = audio.putObject("output");
        output.putObject("format").put("type", "audio/pcm").put("rate", ToneGenerator.SAMPLE_RATE);
        output.put("voice", "alloy").put("speed", 1.0);
    }

    /** A copy of the full effective configuration. */
    synchronized ObjectNode snapshot() {
        return session.deepCopy();
    }

    synchronized String voice() {
        return session.path("audio").path("output").path("voice").asText();
    }

    synchronized double speed() {
        return session.path("audio").path("output").path("speed").asDouble(1.0);
    }

    synchronized String instructions() {
        return session.path("instructions").asText("");
    }

    /** The session's {@code max_output_tokens}; {@code "inf"} means the service maximum. */
    synchronized int maxOutputTokens(int serviceMaximum) {
        JsonNode value = session.path("max_output_tokens");
        return value.isNumber() ? Math.min(value.asInt(), serviceMaximum) : serviceMaximum;
    }

    synchronized void merge(JsonNode update) {
        merge(session, update);
    }

    private static void merge(ObjectNode target, JsonNode update) {
        Iterator<Map.Entry<String, JsonNode>> fields = update.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode object && field.getValue().isObject()) {
                merge(object, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }
}
