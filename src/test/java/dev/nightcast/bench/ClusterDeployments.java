package dev.nightcast.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;

/**
 * Independent fake deployments for {@code bench/cluster.sh}: {@code count} simulators, each with a
 * session quota (beyond it a handshake gets 429 with {@code Retry-After: 1}, as a quota-limited
 * Azure deployment answers). Prints one line per deployment, {@code deployment N URL}, then
 * {@code ready}, and serves until killed; at the end (stdin closed) prints what each narrated.
 *
 * <pre>ClusterDeployments COUNT MAX_SESSIONS REALTIME_FACTOR</pre>
 */
public final class ClusterDeployments {

    private ClusterDeployments() {}

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        int maxSessions = Integer.parseInt(args[1]);
        double realtimeFactor = Double.parseDouble(args[2]);
        List<ScriptedSimulator> deployments = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ScriptedSimulator deployment = ScriptedSimulator.start(
                    new SimulatorSettings(
                            realtimeFactor, Duration.ofMillis(150), 150, SimulatorSettings.SERVICE_MAX_OUTPUT_TOKENS),
                    maxSessions);
            deployments.add(deployment);
            System.out.println("deployment " + i + " " + deployment.baseUrl());
        }
        System.out.println("ready");
        System.out.flush();
        // Serves until stdin closes (the script ends it), then reports.
        while (System.in.read() >= 0) {
            // keep serving
        }
        for (int i = 0; i < deployments.size(); i++) {
            ScriptedSimulator deployment = deployments.get(i);
            System.out.printf(
                    Locale.ROOT,
                    "deployment %d: %d narrations, peak %d sessions, %d refused (429)%n",
                    i + 1,
                    deployment.narrations().size(),
                    deployment.peakSessions(),
                    deployment.sessionsRefused());
            deployment.close();
        }
    }
}
