package dev.nightcast.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
 * {@code ready}, and serves until stdin closes; a line {@code report} on stdin prints what each
 * deployment narrated since the last report, then {@code reported}.
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
        // Serves until stdin closes; each line "report" prints what every deployment did since the
        // last report (so one set of deployments serves several runs of the benchmark).
        int[] narrated = new int[count];
        int[] refused = new int[count];
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = commands.readLine()) != null) {
            if (!command.strip().equals("report")) {
                continue;
            }
            for (int i = 0; i < count; i++) {
                ScriptedSimulator deployment = deployments.get(i);
                int narrations = deployment.narrations().size();
                int refusals = deployment.sessionsRefused();
                System.out.printf(
                        Locale.ROOT,
                        "deployment %d: %d narrations, peak %d sessions, %d refused (429)%n",
                        i + 1,
                        narrations - narrated[i],
                        deployment.peakSessions(),
                        refusals - refused[i]);
                narrated[i] = narrations;
                refused[i] = refusals;
                deployment.resetPeaks();
            }
            System.out.println("reported");
            System.out.flush();
        }
        deployments.forEach(ScriptedSimulator::close);
    }
}
