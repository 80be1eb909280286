package dev.nightcast.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.nightcast.simulator.Fault;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;

/**
 * Independent fake Azure deployments for trying several deployments by hand: each a simulator on a
 * port of its own with a session quota (429 beyond), until standard input ends. Started by
 * {@code bench/fake-deployments.sh}; prints the environment variables that point Nightcast at them,
 * then reads commands from standard input:
 *
 * <pre>
 * down I     deployment I goes down for good: connections reset, every handshake answered 503
 * refuse I   deployment I refuses every handshake with 401 (a wrong key)
 * up I       deployment I is back
 * stats      what each deployment served
 * </pre>
 */
public final class FakeDeployments {

    private FakeDeployments() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Benchmark.options(args);
        int count = Integer.parseInt(options.getOrDefault("deployments", "2"));
        int quota = Integer.parseInt(options.getOrDefault("max-sessions", "4"));
        SimulatorSettings settings = new SimulatorSettings(
                Double.parseDouble(options.getOrDefault("rtf", "20")),
                Duration.ofMillis(Long.parseLong(options.getOrDefault("first-audio-ms", "150"))),
                150,
                SimulatorSettings.SERVICE_MAX_OUTPUT_TOKENS);
        List<ScriptedSimulator> deployments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            deployments.add(ScriptedSimulator.start(settings, quota));
        }
        System.out.printf("%d fake deployments, %d sessions each (429 beyond), %s%n", count, quota, settings);
        for (int i = 0; i < count; i++) {
            System.out.printf(
                    "export NIGHTCAST_GATEWAY_DEPLOYMENTS_%d_ENDPOINT=%s%n",
                    i, deployments.get(i).baseUrl());
            System.out.printf("export NIGHTCAST_GATEWAY_DEPLOYMENTS_%d_API_KEY=fake-key-%d-not-a-secret%n", i, i);
        }
        System.out.println("commands: down I | refuse I | up I | stats   (end of input stops them)");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.strip().toLowerCase(Locale.ROOT).split("\\s+");
            try {
                switch (words[0]) {
                    case "down" -> deployments.get(Integer.parseInt(words[1])).startOutage(Fault.serviceUnavailable());
                    case "refuse" -> deployments.get(Integer.parseInt(words[1])).startOutage(Fault.unauthorized());
                    case "up" -> deployments.get(Integer.parseInt(words[1])).endOutage();
                    case "stats", "" -> {}
                    default -> System.out.println("unknown command: " + line);
                }
            } catch (RuntimeException e) {
                System.out.println("? " + e.getMessage());
            }
            for (int i = 0; i < count; i++) {
                ScriptedSimulator d = deployments.get(i);
                System.out.printf(
                        "  %d %s: %d handshakes, %d responses, peak %d sessions, %d refused (429)%n",
                        i, d.baseUrl(), d.connections(), d.responsesCreated(), d.peakSessions(), d.sessionsRefused());
            }
            System.out.flush();
        }
        deployments.forEach(ScriptedSimulator::close);
    }
}
