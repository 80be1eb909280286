package dev.nightcast.bench;

import java.time.Duration;
import java.util.List;

/**
 * One benchmark run: the gateway the simulator plays, the work, and how the job's JVM is started.
 *
 * @param name label in the report
 * @param episodes K generated episodes
 * @param words W words each (150 words per minute of audio)
 * @param concurrency the run's {@code concurrency}
 * @param realtimeFactor how much faster than real time the simulator streams audio
 * @param firstAudioLatency the simulator's pause before each response's first audio
 * @param maxSessions the simulator's concurrent-session quota (0: none)
 * @param jvmOptions options of the child JVM that runs the job, e.g. {@code -Xmx256m}
 * @param appArguments extra arguments of the application, e.g. {@code --spring.datasource.url=...}
 * @param naive run the {@link NaiveBatch} baseline instead of Nightcast
 * @param deployments how many deployments, each a simulator of its own on its own port with the
 *     same settings and quota; 1 is configured as {@code AZURE_OPENAI_*}, more as
 *     {@code NIGHTCAST_GATEWAY_DEPLOYMENTS_<i>_*} environment variables
 * @param outageAfter the first deployment goes down for good (connections reset, every handshake
 *     answered 503) once it has accepted this many responses of the run; 0 for never
 */
record BenchmarkConfig(
        String name,
        int episodes,
        int words,
        int concurrency,
        double realtimeFactor,
        Duration firstAudioLatency,
        int maxSessions,
        List<String> jvmOptions,
        List<String> appArguments,
        boolean naive,
        int deployments,
        int outageAfter) {

    BenchmarkConfig {
        jvmOptions = List.copyOf(jvmOptions);
        appArguments = List.copyOf(appArguments);
        if (deployments < 1) {
            throw new IllegalArgumentException("at least one deployment");
        }
    }

    BenchmarkConfig(
            String name,
            int episodes,
            int words,
            int concurrency,
            double realtimeFactor,
            Duration firstAudioLatency,
            int maxSessions,
            List<String> jvmOptions,
            List<String> appArguments) {
        this(
                name,
                episodes,
                words,
                concurrency,
                realtimeFactor,
                firstAudioLatency,
                maxSessions,
                jvmOptions,
                appArguments,
                false,
                1,
                0);
    }

    /** The same work and gateway for the {@link NaiveBatch} baseline. */
    BenchmarkConfig asNaive() {
        return new BenchmarkConfig(
                name + ", naive baseline",
                episodes,
                words,
                concurrency,
                realtimeFactor,
                firstAudioLatency,
                maxSessions,
                jvmOptions,
                appArguments,
                true,
                deployments,
                outageAfter);
    }

    /** The same run over {@code count} deployments, the first going down after {@code responses} (0: never). */
    BenchmarkConfig withDeployments(int count, int responses) {
        return new BenchmarkConfig(
                name,
                episodes,
                words,
                concurrency,
                realtimeFactor,
                firstAudioLatency,
                maxSessions,
                jvmOptions,
                appArguments,
                naive,
                count,
                responses);
    }

    /**
     * How many narrations the gateway can really run at once: the concurrency, or the session
     * quota when lower. Not the number of episodes: idle workers help with the segments of the
     * episodes in flight, so even one episode can keep every slot busy. (The naive baseline has no
     * such help; with fewer episodes than slots its efficiency shows the slots it leaves idle.)
     */
    int effectiveConcurrency() {
        return maxSessions > 0 ? Math.min(concurrency, maxSessions * deployments) : concurrency;
    }

    BenchmarkConfig named(String newName) {
        return new BenchmarkConfig(
                newName,
                episodes,
                words,
                concurrency,
                realtimeFactor,
                firstAudioLatency,
                maxSessions,
                jvmOptions,
                appArguments,
                naive,
                deployments,
                outageAfter);
    }

    BenchmarkConfig withConcurrency(int n) {
        return new BenchmarkConfig(
                name,
                episodes,
                words,
                n,
                realtimeFactor,
                firstAudioLatency,
                maxSessions,
                jvmOptions,
                appArguments,
                naive,
                deployments,
                outageAfter);
    }

    @Override
    public String toString() {
        return String.format(
                "%s: K=%d episodes of W=%d words, concurrency N=%d, real-time factor %.0f, first audio"
                        + " after %d ms, session quota %s, %s, JVM %s",
                name,
                episodes,
                words,
                concurrency,
                realtimeFactor,
                firstAudioLatency.toMillis(),
                maxSessions > 0 ? Integer.toString(maxSessions) : "none",
                deployments == 1
                        ? "1 deployment"
                        : deployments + " deployments"
                                + (outageAfter > 0
                                        ? " (the first down for good after " + outageAfter + " responses)"
                                        : ""),
                String.join(" ", jvmOptions));
    }
}
