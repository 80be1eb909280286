package dev.nightcast.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/** The GA server events of one simulated response, shaped like real captures (protocol reference §4). */
final class ServerEvents {

    private final EventWriter out;
    private final ResponsePlan plan;

    ServerEvents(EventWriter out, ResponsePlan plan) {
        this.out = out;
        this.plan = plan;
    }

    ObjectNode responseCreated() {
        ObjectNode event = out.event("response.created");
        event.set("response", response("in_progress", null, null, null));
        return event;
    }

    /** Sent by OpenAI around response.created; clients must tolerate it. */
    ObjectNode rateLimits() {
        return rateLimits(200_000 - plan.maxOutputTokens(), 1.2);
    }

    /** {@code rate_limits.updated} with this many tokens left, refilling in {@code resetSeconds}. */
    ObjectNode rateLimits(long tokensRemaining, double resetSeconds) {
        ObjectNode event = out.event("rate_limits.updated");
        ArrayNode limits = event.putArray("rate_limits");
        limits.addObject()
                .put("name", "requests")
                .put("limit", 5000)
                .put("remaining", 4999)
                .put("reset_seconds", 0.012);
        limits.addObject()
                .put("name", "tokens")
                .put("limit", 200_000)
                .put("remaining", tokensRemaining)
                .put("reset_seconds", resetSeconds);
        return event;
    }

    ObjectNode itemAdded() {
        ObjectNode event = out.event("response.output_item.added");
        event.put("response_id", plan.responseId()).put("output_index", 0);
        event.set("item", item("in_progress", null));
        return event;
    }

    ObjectNode partAdded() {
        ObjectNode event = ids(out.event("response.content_part.added"));
        event.putObject("part").put("type", "audio").put("transcript", "");
        return event;
    }

    /** Carries an {@code obfuscation} field, as the service does, to keep clients tolerant. */
    ObjectNode transcriptDelta(String text) {
        return ids(out.event("response.output_audio_transcript.delta"))
                .put("delta", text)
                .put("obfuscation", "x".repeat(Math.max(1, 12 - text.length())));
    }

    /**
     * The hot path of a response (about 64 KB/s of base64 per session), so it is built as text, like
     * the service's own encoder would: ids and base64 need no JSON escaping.
     */
    String audioDelta(String base64) {
        return "{\"type\":\"response.output_audio.delta\",\"event_id\":\"" + out.nextEventId()
                + "\",\"response_id\":\"" + plan.responseId() + "\",\"item_id\":\"" + plan.itemId()
                + "\",\"output_index\":0,\"content_index\":0,\"delta\":\"" + base64 + "\"}";
    }

    ObjectNode audioDone() {
        return ids(out.event("response.output_audio.done"));
    }

    ObjectNode transcriptDone(String transcript) {
        return ids(out.event("response.output_audio_transcript.done")).put("transcript", transcript);
    }

    ObjectNode partDone(String transcript) {
        ObjectNode event = ids(out.event("response.content_part.done"));
        event.putObject("part").put("type", "audio").put("transcript", transcript);
        return event;
    }

    ObjectNode itemDone(String status, String transcript) {
        ObjectNode event = out.event("response.output_item.done");
        event.put("response_id", plan.responseId()).put("output_index", 0);
        event.set("item", item(status, transcript));
        return event;
    }

    ObjectNode responseDone(
            String status, @Nullable ObjectNode statusDetails, String itemStatus, String transcript, ObjectNode usage) {
        ObjectNode event = out.event("response.done");
        ObjectNode response = response(status, statusDetails, usage, item(itemStatus, transcript));
        event.set("response", response);
        return event;
    }

    ObjectNode statusDetails(
            String status, @Nullable String reason, @Nullable String errorType, @Nullable String errorCode) {
        ObjectNode details = EventWriter.MAPPER.createObjectNode().put("type", status);
        if (reason != null) {
            details.put("reason", reason);
        }
        if (errorType != null || errorCode != null) {
            details.putObject("error").put("type", errorType).put("code", errorCode);
        }
        return details;
    }

    ObjectNode usage(long inputTextTokens, long outputTextTokens, long outputAudioTokens) {
        ObjectNode usage = EventWriter.MAPPER.createObjectNode();
        long output = outputTextTokens + outputAudioTokens;
        usage.put("total_tokens", inputTextTokens + output)
                .put("input_tokens", inputTextTokens)
                .put("output_tokens", output);
        ObjectNode input = usage.putObject("input_token_details");
        input.put("text_tokens", inputTextTokens)
                .put("audio_tokens", 0)
                .put("image_tokens", 0)
                .put("cached_tokens", 0);
        input.putObject("cached_tokens_details")
                .put("text_tokens", 0)
                .put("audio_tokens", 0)
                .put("image_tokens", 0);
        usage.putObject("output_token_details")
                .put("text_tokens", outputTextTokens)
                .put("audio_tokens", outputAudioTokens);
        return usage;
    }

    private ObjectNode response(
            String status,
            @Nullable ObjectNode statusDetails,
            @Nullable ObjectNode usage,
            @Nullable ObjectNode outputItem) {
        ObjectNode response = EventWriter.MAPPER.createObjectNode();
        response.put("object", "realtime.response").put("id", plan.responseId()).put("status", status);
        response.set("status_details", statusDetails);
        ArrayNode output = response.putArray("output");
        if (outputItem != null) {
            output.add(outputItem);
        }
        response.putNull("conversation_id"); // out-of-band
        response.putArray("output_modalities").add("audio");
        response.put("max_output_tokens", plan.maxOutputTokens());
        ObjectNode audio = response.putObject("audio").putObject("output");
        audio.putObject("format").put("type", "audio/pcm").put("rate", ToneGenerator.SAMPLE_RATE);
        audio.put("voice", plan.voice());
        response.set("metadata", plan.metadata());
        response.set("usage", usage);
        return response;
    }

    private ObjectNode item(String status, @Nullable String transcript) {
        ObjectNode item = EventWriter.MAPPER.createObjectNode();
        item.put("id", plan.itemId())
                .put("object", "realtime.item")
                .put("type", "message")
                .put("status", status)
                .put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (transcript != null) {
            content.addObject().put("type", "output_audio").put("transcript", transcript);
        }
        return item;
    }

    private ObjectNode ids(ObjectNode event) {
        return event.put("response_id", plan.responseId())
                .put("item_id", plan.itemId())
                .put("output_index", 0)
                .put("content_index", 0);
    }
}
