package dev.nightcast.simulator;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.nightcast.realtime.Voices;

/**
 * The server side of one simulated connection: {@code session.created} on open, validated
 * {@code session.update}s, and out-of-band {@code response.create}s streamed by a
 * {@link ResponseStreamer} on the stream pool (never on this reader thread, which must keep
 * reading the client's frames). One response at a time, as the service allows per conversation.
 */
final class SimulatedSession extends WebSocketListener {

    private static final Logger log = LoggerFactory.getLogger(SimulatedSession.class);
    /** Beta-shape session fields; the GA service rejects them as unknown parameters. */
    private static final List<String> BETA_FIELDS = List.of(
            "modalities",
            "voice",
            "output_audio_format",
            "input_audio_format",
            "turn_detection",
            "input_audio_transcription",
            "temperature",
            "max_response_output_tokens");

    private final SimulatorSettings settings;
    private final SimulatorHooks hooks;
    private final Executor streams;
    private final int connection;
    private final boolean betaHeader;
    private final SessionConfig config;
    private final AtomicBoolean responding = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean audioProduced;
    private volatile EventWriter out;

    /** @param connection MockWebServer's index of the connection, for the hooks */
    SimulatedSession(
            SimulatorSettings settings,
            SimulatorHooks hooks,
            Executor streams,
            int connection,
            String model,
            boolean betaHeader) {
        this.settings = settings;
        this.hooks = hooks;
        this.streams = streams;
        this.connection = connection;
        this.betaHeader = betaHeader;
        this.config = new SessionConfig(hooks.modelSnapshot(settings.snapshotFor(model)));
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        out = new EventWriter(webSocket);
        if (betaHeader) {
            // What OpenAI does since the beta shape was retired.
            out.send(out.error(
                    "invalid_request_error",
                    "beta_api_shape_disabled",
                    "The beta Realtime API shape is"
                            + " no longer supported. Remove the 'OpenAI-Beta: realtime=v1' header.",
                    null,
                    null));
            out.close(4000, "beta_api_shape_disabled");
            return;
        }
        ObjectNode created = out.event("session.created");
        created.set("session", config.snapshot());
        out.send(created);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        hooks.clientEvent(text);
        JsonNode event;
        try {
            event = EventWriter.MAPPER.readTree(text);
        } catch (Exception e) {
            out.send(out.error(
                    "invalid_request_error",
                    "invalid_json",
                    "We could not parse the JSON body of your request.",
                    null,
                    null));
            return;
        }
        String eventId = event.path("event_id").asText(null);
        switch (event.path("type").asText("")) {
            case "session.update" -> updateSession(event.path("session"), eventId);
            case "response.create" -> createResponse(event.path("response"), eventId);
            default ->
                out.send(out.error(
                        "invalid_request_error",
                        "invalid_value",
                        "Invalid value: '" + event.path("type").asText("")
                                + "'. The simulator supports session.update and response.create.",
                        "type",
                        eventId));
        }
    }

    private void updateSession(JsonNode session, String eventId) {
        if (!session.isObject()) {
            reject("missing_required_parameter", "Missing required parameter: 'session'.", "session", eventId);
            return;
        }
        if (!session.hasNonNull("type")) {
            reject(
                    "missing_required_parameter",
                    "Missing required parameter: 'session.type'.",
                    "session.type",
                    eventId);
            return;
        }
        if (!"realtime".equals(session.path("type").asText())) {
            reject(
                    "invalid_value",
                    "Invalid value: '" + session.path("type").asText() + "'. Supported values are: 'realtime'.",
                    "session.type",
                    eventId);
            return;
        }
        for (String field : BETA_FIELDS) {
            if (session.has(field)) {
                reject("unknown_parameter", "Unknown parameter: 'session." + field + "'.", "session." + field, eventId);
                return;
            }
        }
        JsonNode voice = session.path("audio").path("output").path("voice");
        if (voice.isTextual() && !Voices.isKnown(voice.asText())) {
            reject(
                    "invalid_value",
                    "Invalid value: '" + voice.asText() + "'. Supported values are: " + Voices.KNOWN + ".",
                    "session.audio.output.voice",
                    eventId);
            return;
        }
        JsonNode speed = session.path("audio").path("output").path("speed");
        if (!speed.isMissingNode() && !(speed.isNumber() && speed.asDouble() >= 0.25 && speed.asDouble() <= 1.5)) {
            reject(
                    "invalid_value",
                    "Invalid 'session.audio.output.speed': " + speed + ". Expected a number between" + " 0.25 and 1.5.",
                    "session.audio.output.speed",
                    eventId);
            return;
        }
        if (voice.isTextual() && audioProduced && !voice.asText().equals(config.voice())) {
            reject(
                    "cannot_update_voice",
                    "Cannot update a conversation's voice if assistant audio is present.",
                    "session.audio.output.voice",
                    eventId);
            return;
        }
        config.merge(session);
        ObjectNode updated = out.event("session.updated");
        updated.set("session", config.snapshot());
        out.send(updated);
    }

    private void createResponse(JsonNode response, String eventId) {
        if (!response.path("input").isArray()) {
            reject(
                    "invalid_value",
                    "The simulator only supports out-of-band responses with inline 'input'.",
                    "response.input",
                    eventId);
            return;
        }
        if (!responding.compareAndSet(false, true)) {
            reject(
                    "conversation_already_has_active_response",
                    "Conversation already has an active response in progress.",
                    null,
                    eventId);
            return;
        }
        JsonNode metadata = response.path("metadata");
        String text = Scripts.scriptText(response.path("input"));
        ResponseTwist twist = hooks.response(connection, metadata, text);
        if (twist.refused(out, eventId)) {
            responding.set(false);
            return;
        }
        String instructions = response.hasNonNull("instructions")
                ? response.path("instructions").asText()
                : config.instructions();
        int cap = twist.outputCap(Math.min(settings.maxOutputTokens(), responseCap(response)));
        ResponsePlan plan = new ResponsePlan(
                EventWriter.id("resp"),
                EventWriter.id("item"),
                text,
                instructions,
                metadata.isObject() ? metadata : EventWriter.MAPPER.nullNode(),
                cap,
                config.voice(),
                config.speed());
        try {
            streams.execute(new ResponseStreamer(
                    out, plan, settings, twist, () -> audioProduced = true, this::responseEnded, hooks::audioSent));
        } catch (RejectedExecutionException e) {
            responseEnded();
            log.debug("simulator is shutting down; response {} not streamed", plan.responseId());
        }
    }

    private void responseEnded() {
        hooks.responseEnded();
        responding.set(false);
    }

    private int responseCap(JsonNode response) {
        JsonNode max = response.path("max_output_tokens");
        return max.isNumber() ? max.asInt() : config.maxOutputTokens(SimulatorSettings.SERVICE_MAX_OUTPUT_TOKENS);
    }

    private void reject(String code, String message, @Nullable String param, @Nullable String eventId) {
        out.send(out.error("invalid_request_error", code, message, param, eventId));
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        end();
        webSocket.close(1000, null);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        end();
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        end();
    }

    /** Tells the hooks once that the session ended, however it ended (a quota counts it until then). */
    private void end() {
        if (ended.compareAndSet(false, true)) {
            hooks.sessionEnded();
        }
    }
}
