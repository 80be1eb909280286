package dev.nightcast.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.WebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator as a raw WebSocket client sees it: the GA protocol, and what it rejects. */
class RealtimeSimulatorTest {

    private static final OkHttpClient CLIENT = new OkHttpClient();
    private static final String SESSION_UPDATE = "{\"type\":\"session.update\",\"event_id\":\"cfg-1\",\"session\":{"
            + "\"type\":\"realtime\",\"instructions\":\"Read.\",\"output_modalities\":[\"audio\"],\"audio\":{"
            + "\"input\":{\"turn_detection\":null},\"output\":{\"voice\":\"marin\",\"format\":{\"type\":\"audio/pcm\","
            + "\"rate\":24000}}},\"max_output_tokens\":4096}}";

    private ScriptedSimulator simulator;
    private final WebSocketRecorder recorder = new WebSocketRecorder();
    private WebSocket socket;

    @AfterEach
    void stop() {
        if (socket != null) {
            socket.cancel();
        }
        simulator.close();
    }

    /** Connects with headers given as name, value, name, value... */
    private void connect(SimulatorSettings settings, String pathAndQuery, String... headers) {
        simulator = ScriptedSimulator.start(settings);
        Request.Builder request = new Request.Builder().url(simulator.baseUrl().replace("http:", "ws:") + pathAndQuery);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        socket = CLIENT.newWebSocket(request.build(), recorder);
    }

    private void connectAndOpen(SimulatorSettings settings) throws InterruptedException {
        connect(settings, "/openai/v1/realtime?model=dep", "api-key", "k");
        recorder.next(WebSocketRecorder.Open.class);
    }

    private static String responseCreate(String text) {
        return "{\"type\":\"response.create\",\"event_id\":\"ep-s000-a1\",\"response\":{\"conversation\":\"none\","
                + "\"output_modalities\":[\"audio\"],\"metadata\":{\"episode\":\"ep\",\"segment\":\"0\",\"attempt\":\"1\"},"
                + "\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                + "\"text\":\"<script>" + text + "</script>\"}]}]}}";
    }

    @Test
    void sessionCreatedComesFirstWithTheServiceDefaults() throws Exception {
        connectAndOpen(SimulatorSettings.fast());

        JsonNode session = recorder.nextEvent("session.created").path("session");

        assertThat(session.path("id").asText()).startsWith("sess_");
        assertThat(session.path("model").asText())
                .as("the snapshot behind the deployment")
                .isEqualTo("dep-" + SimulatorSettings.DEFAULT_SNAPSHOT_DATE);
        assertThat(session.path("expires_at").asLong()).isGreaterThan(System.currentTimeMillis() / 1000);
        assertThat(session.at("/audio/output/voice").asText()).isEqualTo("alloy");
        assertThat(session.at("/audio/input/turn_detection/type").asText()).isEqualTo("server_vad");
        recorder.assertExhausted();
    }

    @Test
    void sessionUpdatedEchoesTheMergedConfiguration() throws Exception {
        connectAndOpen(SimulatorSettings.fast());
        recorder.nextEvent("session.created");

        socket.send(SESSION_UPDATE);
        JsonNode session = recorder.nextEvent("session.updated").path("session");

        assertThat(session.at("/audio/output/voice").asText()).isEqualTo("marin");
        assertThat(session.at("/audio/input/turn_detection").isNull()).isTrue();
        assertThat(session.at("/audio/output/format/rate").asInt()).isEqualTo(24000);
        assertThat(session.at("/audio/output/speed").asDouble())
                .as("untouched fields stay")
                .isEqualTo(1.0);
        assertThat(session.path("instructions").asText()).isEqualTo("Read.");
        assertThat(session.path("max_output_tokens").asInt()).isEqualTo(4096);
    }

    @Test
    void sessionUpdateWithoutTypeIsRejectedLikeTheService() throws Exception {
        connectAndOpen(SimulatorSettings.fast());
        recorder.nextEvent("session.created");

        socket.send("{\"type\":\"session.update\",\"event_id\":\"cfg-1\",\"session\":{\"instructions\":\"x\"}}");
        JsonNode error = recorder.nextEvent("error").path("error");

        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("code").asText()).isEqualTo("missing_required_parameter");
        assertThat(error.path("param").asText()).isEqualTo("session.type");
        assertThat(error.path("event_id").asText()).isEqualTo("cfg-1");
    }

    @Test
    void betaSessionFieldsAreUnknownParameters() throws Exception {
        connectAndOpen(SimulatorSettings.fast());
        recorder.nextEvent("session.created");

        socket.send("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\",\"voice\":\"marin\"}}");

        assertThat(recorder.nextEvent("error").at("/error/code").asText()).isEqualTo("unknown_parameter");
    }

    @Test
    void betaHeaderIsRefusedWithAnErrorAndClose4000() throws Exception {
        connect(
                SimulatorSettings.fast(),
                "/v1/realtime?model=gpt-realtime-mini",
                "Authorization",
                "Bearer k",
                "OpenAI-Beta",
                "realtime=v1");

        recorder.next(WebSocketRecorder.Open.class);
        assertThat(recorder.nextEvent("error").at("/error/code").asText()).isEqualTo("beta_api_shape_disabled");
        assertThat(recorder.next(WebSocketRecorder.Closing.class).code()).isEqualTo(4000);
    }

    @Test
    void aResponseFollowsTheGaEventOrderWithToneAudioAndAnExactTranscript() throws Exception {
        connectAndOpen(SimulatorSettings.fast());
        recorder.nextEvent("session.created");
        socket.send(SESSION_UPDATE);
        recorder.nextEvent("session.updated");
        String text = "  Hello there, listener.  Welcome back!";

        socket.send(responseCreate(text));
        List<String> types = new ArrayList<>();
        StringBuilder transcript = new StringBuilder();
        int audioBytes = 0;
        JsonNode event;
        do {
            event = recorder.next(WebSocketRecorder.Message.class).json();
            String type = event.path("type").asText();
            types.add(type);
            if (type.equals("response.output_audio_transcript.delta")) {
                transcript.append(event.path("delta").asText());
                assertThat(event.has("obfuscation")).isTrue();
            } else if (type.equals("response.output_audio.delta")) {
                int bytes = Base64.getDecoder().decode(event.path("delta").asText()).length;
                assertThat(bytes).isBetween(2, 7200).isEven();
                audioBytes += bytes;
            }
        } while (!types.get(types.size() - 1).equals("response.done"));

        assertThat(types.subList(0, 5))
                .containsExactly(
                        "response.created",
                        "rate_limits.updated",
                        "response.output_item.added",
                        "response.content_part.added",
                        "response.output_audio_transcript.delta");
        assertThat(types.subList(types.size() - 5, types.size()))
                .containsExactly(
                        "response.output_audio.done",
                        "response.output_audio_transcript.done",
                        "response.content_part.done",
                        "response.output_item.done",
                        "response.done");
        assertThat(transcript.toString()).isEqualTo(text);
        assertThat(audioBytes).isEqualTo(5 * 19_200); // 5 words of 0.4 s
        JsonNode response = event.path("response");
        assertThat(response.path("status").asText()).isEqualTo("completed");
        assertThat(response.at("/metadata/episode").asText()).isEqualTo("ep");
        assertThat(response.at("/usage/output_token_details/audio_tokens").asInt())
                .isEqualTo(40);
        assertThat(response.at("/usage/output_token_details/text_tokens").asInt())
                .isEqualTo(7);
        assertThat(response.at("/usage/input_tokens").asInt()).isPositive();
        assertThat(simulator.narratedTexts()).containsExactly(text);
    }

    @Test
    void audioIsPacedByTheRealtimeFactor() throws Exception {
        connectAndOpen(SimulatorSettings.defaults());
        recorder.nextEvent("session.created");
        long start = System.nanoTime();

        socket.send(responseCreate("one two three four five six seven eight nine ten")); // 4 s of audio
        recorder.awaitEvent("response.done");

        // The last chunk is due 50 ms + (4 s - 0.15 s) / 10 after the start.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aSecondResponseWhileOneIsActiveIsRejected() throws Exception {
        connectAndOpen(SimulatorSettings.defaults());
        recorder.nextEvent("session.created");

        socket.send(responseCreate("one two three four five six seven eight nine ten"));
        socket.send(responseCreate("again"));

        JsonNode error = recorder.awaitEvent("error");
        assertThat(error.at("/error/code").asText()).isEqualTo("conversation_already_has_active_response");
        assertThat(simulator.responsesCreated()).isEqualTo(1);
    }

    @Test
    void voiceIsLockedOnceAudioWasProduced() throws Exception {
        connectAndOpen(SimulatorSettings.fast());
        recorder.nextEvent("session.created");
        socket.send(responseCreate("Hi."));
        recorder.awaitEvent("response.done");

        socket.send(SESSION_UPDATE);

        assertThat(recorder.nextEvent("error").at("/error/code").asText()).isEqualTo("cannot_update_voice");
    }

    @Test
    void handshakesTheServiceWouldRefuseAreRefused() throws Exception {
        simulator = ScriptedSimulator.start(SimulatorSettings.fast());
        String ws = simulator.baseUrl().replace("http:", "ws:");

        assertThat(handshakeStatus(ws + "/openai/realtime?deployment=d", "api-key", "k"))
                .isEqualTo(404);
        assertThat(handshakeStatus(ws + "/openai/v1/realtime?model=d&api-version=2025-04-01-preview", "api-key", "k"))
                .isEqualTo(401);
        assertThat(handshakeStatus(ws + "/openai/v1/realtime?model=d", "X-Other", "k"))
                .isEqualTo(401);
        assertThat(handshakeStatus(ws + "/openai/v1/realtime", "api-key", "k")).isEqualTo(400);
        assertThat(simulator.connections()).isEqualTo(4);
    }

    private static int handshakeStatus(String url, String header, String value) throws InterruptedException {
        WebSocketRecorder refused = new WebSocketRecorder();
        CLIENT.newWebSocket(new Request.Builder().url(url).header(header, value).build(), refused);
        return refused.next(WebSocketRecorder.Failure.class).response().code();
    }
}
