package dev.nightcast.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

/** The simulator's session quota and its in-flight gauges, as a raw WebSocket client sees them. */
class SimulatorCapacityTest {

    private static final OkHttpClient CLIENT = new OkHttpClient();
    private static final Duration POLL_LIMIT = Duration.ofSeconds(10);

    private ScriptedSimulator simulator;
    private final List<WebSocket> sockets = new ArrayList<>();

    @AfterEach
    void stop() {
        sockets.forEach(WebSocket::cancel);
        simulator.close();
    }

    private WebSocket connect(WebSocketRecorder recorder) {
        Request request = new Request.Builder()
                .url(simulator.baseUrl().replace("http:", "ws:") + "/openai/v1/realtime?model=dep")
                .header("api-key", "k")
                .build();
        WebSocket socket = CLIENT.newWebSocket(request, recorder);
        sockets.add(socket);
        return socket;
    }

    private WebSocket open(WebSocketRecorder recorder) throws InterruptedException {
        WebSocket socket = connect(recorder);
        recorder.next(WebSocketRecorder.Open.class);
        recorder.nextEvent("session.created");
        return socket;
    }

    private static String responseCreate(String episode, String text) {
        return "{\"type\":\"response.create\",\"response\":{\"conversation\":\"none\",\"metadata\":{\"episode\":\""
                + episode + "\"},\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":"
                + "\"input_text\",\"text\":\"<script>" + text + "</script>\"}]}]}}";
    }

    /** Reads one response to its end and returns the PCM bytes it carried. */
    private static int audioUntilDone(WebSocketRecorder recorder) throws InterruptedException {
        int bytes = 0;
        while (true) {
            JsonNode event = recorder.next(WebSocketRecorder.Message.class).json();
            switch (event.path("type").asText()) {
                case "response.output_audio.delta" ->
                    bytes += Base64.getDecoder().decode(event.path("delta").asText()).length;
                case "response.done" -> {
                    return bytes;
                }
                default -> {
                    // other events of the response
                }
            }
        }
    }

    @Test
    void aSessionBeyondTheLimitIsRefusedWith429AndRetryAfterUntilAnotherEnds() throws Exception {
        simulator = ScriptedSimulator.start(SimulatorSettings.fast(), 1);
        WebSocketRecorder first = new WebSocketRecorder();
        WebSocket firstSocket = open(first);

        WebSocketRecorder second = new WebSocketRecorder();
        connect(second);
        WebSocketRecorder.Failure refused = second.next(WebSocketRecorder.Failure.class);

        assertThat(refused.response().code()).isEqualTo(429);
        assertThat(refused.response().header("Retry-After")).isEqualTo("1");
        assertThat(simulator.sessionsRefused()).isEqualTo(1);

        firstSocket.close(1000, "done");
        first.next(WebSocketRecorder.Closing.class);
        WebSocketRecorder third = new WebSocketRecorder();
        open(third);

        assertThat(simulator.peakSessions()).isEqualTo(1);
        assertThat(simulator.sessionsRefused()).isEqualTo(1);
    }

    @Test
    void aClosedSessionNoLongerCountsOnceTheServerSawItsCloseFrame() throws Exception {
        simulator = ScriptedSimulator.start(SimulatorSettings.fast());
        WebSocketRecorder recorder = new WebSocketRecorder();
        WebSocket socket = open(recorder);
        assertThat(simulator.activeSessions()).isEqualTo(1);

        socket.close(1000, "done");
        // The server's answering close frame is sent after it stopped counting the session.
        recorder.next(WebSocketRecorder.Closing.class);

        assertThat(simulator.activeSessions()).isZero();
        assertThat(simulator.peakSessions()).isEqualTo(1);
    }

    @Test
    void heldResponsesCountAsInFlightUntilReleasedAndTheGaugesKeepTheirPeak() throws Exception {
        simulator = ScriptedSimulator.start(SimulatorSettings.fast());
        ResponseHold hold =
                simulator.holdResponses(narration -> narration.episode().startsWith("held"));
        WebSocketRecorder a = new WebSocketRecorder();
        WebSocketRecorder b = new WebSocketRecorder();
        WebSocket socketA = open(a);
        WebSocket socketB = open(b);

        socketA.send(responseCreate("held-a", "One two three."));
        socketB.send(responseCreate("held-b", "Four five six seven."));
        await().atMost(POLL_LIMIT).until(() -> hold.waiting() == 2);

        assertThat(simulator.activeResponses()).isEqualTo(2);
        assertThat(simulator.audioBytesSent()).isZero();

        hold.release();
        int bytes = audioUntilDone(a) + audioUntilDone(b);

        await().atMost(POLL_LIMIT).until(() -> simulator.activeResponses() == 0);
        assertThat(simulator.peakResponses()).isEqualTo(2);
        assertThat(simulator.audioBytesSent()).isEqualTo(bytes).isEqualTo(7 * 19_200);
    }

    @Test
    void responsesThatDoNotMatchAHoldStreamAtOnce() throws Exception {
        simulator = ScriptedSimulator.start(SimulatorSettings.fast());
        ResponseHold hold = simulator.holdResponses(narration -> "long".equals(narration.episode()));
        WebSocketRecorder recorder = new WebSocketRecorder();
        WebSocket socket = open(recorder);

        socket.send(responseCreate("short", "Not held."));

        assertThat(audioUntilDone(recorder)).isEqualTo(2 * 19_200);
        assertThat(hold.waiting()).isZero();
    }
}
