package dev.nightcast.realtime.protocol;

import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.nightcast.realtime.ScriptFrame;
import dev.nightcast.realtime.SegmentRequest;
import dev.nightcast.realtime.SessionSettings;

/**
 * Encodes the two client events the gateway sends, in the GA shape only (see the protocol
 * reference §2 and §3). Stateless and thread-safe.
 */
public final class ClientEvents {

    /** The hard cap of gpt-realtime(-mini) per response, audio and transcript tokens together. */
    public static final int MAX_OUTPUT_TOKENS = 4096;

    public static final int SAMPLE_RATE = 24_000;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ClientEvents() {}

    /**
     * {@code session.update}: the GA session type, narrator instructions, audio-only output,
     * server VAD off (nothing is ever listened to; VAD could only cancel responses), the voice,
     * PCM16 24 kHz and the speaking speed (sent once per connection: speed may only change between
     * responses, and an episode keeps one).
     */
    public static String sessionUpdate(String eventId, SessionSettings settings) {
        ObjectNode event =
                MAPPER.createObjectNode().put("type", "session.update").put("event_id", eventId);
        ObjectNode session = event.putObject("session");
        session.put("type", "realtime");
        session.put("instructions", settings.instructions() == null ? "" : settings.instructions());
        session.putArray("output_modalities").add("audio");
        ObjectNode audio = session.putObject("audio");
        audio.putObject("input").putNull("turn_detection");
        ObjectNode output = audio.putObject("output");
        output.put("voice", settings.voice());
        output.putObject("format").put("type", "audio/pcm").put("rate", SAMPLE_RATE);
        output.put("speed", settings.speed());
        session.put("max_output_tokens", MAX_OUTPUT_TOKENS);
        return write(event);
    }

    /**
     * {@code response.create} as an out-of-band response ({@code conversation: "none"}) with the
     * segment as inline input, so no history accumulates and nothing is billed twice. The event id
     * and {@code metadata} identify episode, segment and attempt in server logs and echoes. The text
     * travels inside a {@link ScriptFrame} of its own, which the instructions name.
     */
    public static String responseCreate(SegmentRequest request) {
        return responseCreate(request, ScriptFrame.around(request.text()));
    }

    static String responseCreate(SegmentRequest request, ScriptFrame frame) {
        ObjectNode event =
                MAPPER.createObjectNode().put("type", "response.create").put("event_id", eventId(request));
        ObjectNode response = event.putObject("response");
        response.put("conversation", "none");
        response.putArray("output_modalities").add("audio");
        if (request.instructions() != null) {
            response.put("instructions", frame.named(request.instructions()));
        }
        response.put("max_output_tokens", MAX_OUTPUT_TOKENS);
        response.putObject("metadata")
                .put("episode", request.episodeId())
                .put("segment", Integer.toString(request.segmentIndex()))
                .put("attempt", Integer.toString(request.attempt()));
        ArrayNode input = response.putArray("input");
        ObjectNode message = input.addObject().put("type", "message").put("role", "user");
        message.putArray("content").addObject().put("type", "input_text").put("text", frame.wrap(request.text()));
        return write(event);
    }

    /** {@code <episode>-s<segment, 3 digits>-a<attempt>}, e.g. {@code ep42-s003-a1}. */
    static String eventId(SegmentRequest request) {
        return String.format(
                Locale.ROOT, "%s-s%03d-a%d", request.episodeId(), request.segmentIndex(), request.attempt());
    }

    private static String write(ObjectNode event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot encode " + event.path("type").asText(), e);
        }
    }
}
