package dev.nightcast.realtime.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

import dev.nightcast.realtime.RateLimit;
import dev.nightcast.realtime.TokenUsage;

/**
 * Decodes server frames (JSON text) into {@link ServerEvent}s.
 *
 * <p>Audio deltas are the hot path (≈ 64 KB/s of base64 per session): in the service's own shape
 * they are decoded by {@link AudioDeltaFrames} straight from the frame into a reused
 * {@link PcmBuffer}; in any other field order Jackson's streaming parser base64-decodes the
 * {@code delta} into the same buffer. Either way it is never materialised as a string or tree.
 * All other events are small and read as trees. Unknown event
 * types and unknown fields are ignored; GA and beta event names are both accepted.
 *
 * <p>Not thread-safe: one decoder per session. The buffer of an {@link ServerEvent.AudioDelta} is
 * only valid until the next call.
 */
public final class EventDecoder {

    public static final Set<String> AUDIO_DELTA = Set.of("response.output_audio.delta", "response.audio.delta");
    public static final Set<String> TRANSCRIPT_DELTA =
            Set.of("response.output_audio_transcript.delta", "response.audio_transcript.delta");
    static final Set<String> TRANSCRIPT_DONE =
            Set.of("response.output_audio_transcript.done", "response.audio_transcript.done");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    // The service pads its base64, but nothing is gained by rejecting unpadded input.
    private static final Base64Variant BASE64 = Base64Variants.MIME_NO_LINEFEEDS.withPaddingAllowed();

    private final PcmBuffer pcm = new PcmBuffer();

    /** Forgets audio state (a carried odd byte) before a new response. */
    public void startResponse() {
        pcm.reset();
    }

    /** True when the audio so far ended in half a sample. */
    public boolean hasDanglingByte() {
        return pcm.hasCarry();
    }

    public ServerEvent decode(String frame) throws MalformedEventException {
        ByteBuffer fast = AudioDeltaFrames.decode(frame, pcm, MAPPER.getFactory());
        if (fast != null) {
            return new ServerEvent.AudioDelta(fast);
        }
        try (JsonParser parser = MAPPER.createParser(frame)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedEventException("frame is not a JSON object", null);
            }
            String type = null;
            String textDelta = null;
            ByteBuffer audio = null;
            ObjectNode fields = MAPPER.createObjectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("type") && value == JsonToken.VALUE_STRING) {
                    type = parser.getText();
                } else if (name.equals("delta")
                        && value == JsonToken.VALUE_STRING
                        && type != null
                        && AUDIO_DELTA.contains(type)) {
                    pcm.begin();
                    parser.readBinaryValue(BASE64, pcm);
                    audio = pcm.samples();
                } else if (name.equals("delta") && value == JsonToken.VALUE_STRING) {
                    textDelta = parser.getText(); // type not seen yet, or a text delta
                } else if (type != null && TRANSCRIPT_DELTA.contains(type)) {
                    parser.skipChildren(); // one per spoken word: only its delta is needed
                } else {
                    fields.set(name, parser.readValueAsTree());
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new MalformedEventException("frame has trailing content", null);
            }
            if (type == null) {
                throw new MalformedEventException("event has no type", null);
            }
            if (AUDIO_DELTA.contains(type) && audio == null) {
                audio = decodeLate(textDelta);
            }
            return toEvent(type, fields, textDelta, audio);
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedEventException("unreadable event: " + e.getMessage(), e);
        }
    }

    // Rare: "delta" came before "type", so it was read as text first.
    private ByteBuffer decodeLate(@Nullable String base64) {
        pcm.begin();
        byte[] decoded = Base64.getDecoder().decode(base64 == null ? "" : base64);
        pcm.write(decoded, 0, decoded.length);
        return pcm.samples();
    }

    private static ServerEvent toEvent(
            String type, JsonNode fields, @Nullable String textDelta, @Nullable ByteBuffer audio) {
        if (audio != null) {
            return new ServerEvent.AudioDelta(audio);
        }
        if (TRANSCRIPT_DELTA.contains(type)) {
            return new ServerEvent.TranscriptDelta(textDelta == null ? "" : textDelta);
        }
        if (TRANSCRIPT_DONE.contains(type)) {
            return new ServerEvent.TranscriptDone(text(fields.path("transcript")));
        }
        switch (type) {
            case "session.created": {
                JsonNode session = fields.path("session");
                String model = text(session.path("model"));
                return new ServerEvent.SessionCreated(
                        text(session.path("id")),
                        voice(session),
                        session.path("expires_at").asLong(0),
                        model == null || model.isBlank() ? null : model);
            }
            case "session.updated": {
                JsonNode session = fields.path("session");
                JsonNode format = session.path("audio").path("output").path("format");
                return new ServerEvent.SessionUpdated(
                        voice(session),
                        text(format.path("type")),
                        format.path("rate").asInt(0),
                        session.path("audio").isObject());
            }
            case "response.created":
                return new ServerEvent.ResponseCreated(
                        text(fields.path("response").path("id")),
                        fields.path("response").path("max_output_tokens").asInt(0));
            case "response.done":
                return responseDone(fields.path("response"));
            case "error":
                return new ServerEvent.Error(errorInfo(fields.path("error")));
            case "rate_limits.updated":
                return rateLimits(fields.path("rate_limits"));
            default:
                return new ServerEvent.Ignored(type);
        }
    }

    private static ServerEvent.ResponseDone responseDone(JsonNode response) {
        JsonNode details = response.path("status_details");
        JsonNode error = details.path("error");
        return new ServerEvent.ResponseDone(
                text(response.path("id")),
                text(response.path("status")),
                text(details.path("reason")),
                error.isObject() ? errorInfo(error) : null,
                usage(response.path("usage")),
                blankToNull(text(response.path("model"))));
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static ServerEvent.RateLimitsUpdated rateLimits(JsonNode limits) {
        List<RateLimit> parsed = new ArrayList<>();
        for (JsonNode limit : limits) {
            double reset = Math.max(0, limit.path("reset_seconds").asDouble(0));
            parsed.add(new RateLimit(
                    text(limit.path("name")),
                    limit.path("limit").asLong(-1),
                    limit.path("remaining").asLong(-1),
                    Duration.ofNanos((long) (reset * 1e9))));
        }
        return new ServerEvent.RateLimitsUpdated(List.copyOf(parsed));
    }

    private static TokenUsage usage(JsonNode usage) {
        if (!usage.isObject()) {
            return TokenUsage.ZERO;
        }
        JsonNode in = usage.path("input_token_details");
        JsonNode out = usage.path("output_token_details");
        return new TokenUsage(
                usage.path("input_tokens").asLong(0),
                usage.path("output_tokens").asLong(0),
                in.path("text_tokens").asLong(0),
                in.path("audio_tokens").asLong(0),
                out.path("text_tokens").asLong(0),
                out.path("audio_tokens").asLong(0));
    }

    private static ServerEvent.ErrorInfo errorInfo(JsonNode error) {
        return new ServerEvent.ErrorInfo(
                text(error.path("type")),
                text(error.path("code")),
                text(error.path("message")),
                text(error.path("event_id")));
    }

    // GA nests the voice under audio.output; the beta shape had it flat.
    private static @Nullable String voice(JsonNode session) {
        String voice = text(session.path("audio").path("output").path("voice"));
        return voice != null ? voice : text(session.path("voice"));
    }

    private static @Nullable String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }
}
