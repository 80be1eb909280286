package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.nightcast.run.ExitCodes;
import dev.nightcast.simulator.Fault;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;
import dev.nightcast.support.NightcastProcess;
import dev.nightcast.support.PrometheusText;
import dev.nightcast.support.PrometheusText.Sample;

/**
 * Watching from outside: a real run (a process of its own, against the simulator through the Azure
 * client) pushes its metrics to a Prometheus Pushgateway stand-in, a JDK HTTP server in this test that
 * keeps every request and reads the text exposition format itself. The last push comes as the
 * process ends, long before a periodic one would, and holds the run's totals: they agree with the
 * run's own summary, the database and the simulator's record of what it answered.
 */
class MetricsPushProcessTest extends ProcessTestBase {

    private static final ScriptedSimulator SIMULATOR = ScriptedSimulator.start(SimulatorSettings.fast());
    private static final String PUSH_ON = "--management.prometheus.metrics.export.pushgateway.enabled=true";

    private final List<Push> pushes = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    /** One request the Pushgateway stand-in received. */
    record Push(String method, String path, String contentType, String body) {}

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.close();
    }

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                pushes.add(new Push(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        new String(body.readAllBytes(), StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Override
    TestDatabase database() {
        return defaultH2(dir);
    }

    @Override
    ScriptedSimulator simulator() {
        return SIMULATOR;
    }

    @Test
    void aRunPushesItsEpisodesAudioSpendAndGatewayCallsAsItEndsAndOtherCommandsPushNothing() throws Exception {
        // given: two episodes and an invalid row; a refused handshake and a response dropped mid-stream
        Path csv = dir.resolve("episodes.csv");
        Files.writeString(csv, """
                episode_id,script
                ep-one,"The night bus leaves the depot at one and comes back at five, empty and warm."
                ep-two,"Bakers start their ovens long before the first tram of the day rattles past."
                bad id!,"An id with a space and a mark cannot become a file name."
                """, StandardCharsets.UTF_8);
        Files.createDirectories(output());
        Path params = paramsFile(csv);
        SIMULATOR.enqueueFault(Fault.serviceUnavailable());
        SIMULATOR.enqueueFault(Fault.after(1, Fault.dropMidStream()));

        // when: the push is on, with a push rate no run of this test reaches
        NightcastProcess run = start(
                "narrate",
                params,
                PUSH_ON,
                address(receiver),
                "--management.prometheus.metrics.export.pushgateway.push-rate=10m");
        int exit = run.waitFor(RUN_TIMEOUT);

        // then: the last request replaces the job's group with the run's final values
        assertThat(exit).as(run.log()).isEqualTo(ExitCodes.SOME_EPISODES_FAILED);
        assertThat(pushes).as("pushes received").isNotEmpty();
        Push last = pushes.get(pushes.size() - 1);
        assertThat(last.method()).isEqualTo("PUT");
        assertThat(last.path()).isEqualTo("/metrics/job/nightcast");
        assertThat(last.contentType()).startsWith("text/plain; version=0.0.4");
        List<Sample> metrics = PrometheusText.parse(last.body());

        assertThat(episodes(metrics, "narrated")).isEqualTo(2);
        assertThat(episodes(metrics, "invalid")).isEqualTo(1);
        assertThat(episodes(metrics, "failed")).isZero();
        assertThat(episodes(metrics, "skipped")).isZero();
        assertThat(PrometheusText.value(metrics, "nightcast_run_entries", Map.of()))
                .isEqualTo(3);

        JsonNode summary =
                new ObjectMapper().readTree(output().resolve("runs/1.json").toFile());
        assertThat(PrometheusText.value(metrics, "nightcast_audio_seconds_total", Map.of()))
                .isPositive()
                .isCloseTo(summary.path("audioSeconds").asDouble(), within(0.001))
                .isCloseTo(
                        db().sql("SELECT SUM(duration_ms) FROM episode WHERE status = 'DONE'")
                                        .query(Long.class)
                                        .single()
                                / 1000.0,
                        within(0.01));
        assertThat(PrometheusText.value(metrics, "nightcast_spend_usd_total", Map.of()))
                .isPositive()
                .isCloseTo(summary.path("cost").path("usd").asDouble(), within(1e-9));

        String deployment = "127.0.0.1/gpt-realtime-mini";
        assertThat(calls(metrics, "connect", "transient", deployment))
                .as("the refused handshake")
                .isEqualTo(1);
        assertThat(calls(metrics, "response", "transient", deployment))
                .as("the dropped response")
                .isEqualTo(1);
        assertThat(calls(metrics, "response", "ok", deployment) + 1)
                .as("every response the simulator was asked for")
                .isEqualTo(SIMULATOR.narrations().size());
        assertThat(calls(metrics, "connect", "ok", deployment)).isPositive();
        assertThat(PrometheusText.value(
                        metrics,
                        "nightcast_gateway_latency_seconds_count",
                        Map.of("call", "response", "outcome", "ok", "deployment", deployment)))
                .isEqualTo(calls(metrics, "response", "ok", deployment));
        assertThat(PrometheusText.value(
                        metrics,
                        "nightcast_gateway_latency_seconds_sum",
                        Map.of("call", "response", "outcome", "ok", "deployment", deployment)))
                .isPositive();
        assertThat(pushes)
                .as("no push carries the key")
                .allSatisfy(
                        push -> assertThat(push.body()).doesNotContain(FAKE_KEY).doesNotContain("api-key"));

        // when: a command other than narrate runs with the same settings
        int before = pushes.size();
        NightcastProcess status = startCommand("status", "status", params, SIMULATOR, PUSH_ON, address(receiver));

        // then: it leaves the run's metrics in place
        assertThat(status.waitFor(RUN_TIMEOUT)).as(status.log()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(pushes).as("requests after status").hasSize(before);
    }

    private static String address(HttpServer receiver) {
        return "--management.prometheus.metrics.export.pushgateway.address=127.0.0.1:"
                + receiver.getAddress().getPort();
    }

    private static double episodes(List<Sample> metrics, String outcome) {
        return PrometheusText.value(metrics, "nightcast_episodes_total", Map.of("outcome", outcome));
    }

    private static double calls(List<Sample> metrics, String call, String outcome, String deployment) {
        List<Sample> found = metrics.stream()
                .filter(sample -> sample.name().equals("nightcast_gateway_calls_total"))
                .filter(sample ->
                        sample.labels().equals(Map.of("call", call, "outcome", outcome, "deployment", deployment)))
                .toList();
        return found.isEmpty() ? 0 : found.get(0).value();
    }
}
