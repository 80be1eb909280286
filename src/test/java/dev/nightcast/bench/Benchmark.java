package dev.nightcast.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The throughput benchmark: runs the real job in a child JVM against the simulator and prints wall
 * time, ideal wall time, efficiency, failures, peak RSS and CPU per hour of audio. Started by
 * {@code bench/run.sh}, which builds the jar first; see {@code bench/README.md}.
 *
 * <pre>
 * bench/run.sh [targets|efficiency|long|quota|deployments|decode|mp3|custom] [--episodes=K] [--words=W] [--concurrency=N]
 *     [--rtf=20] [--first-audio-ms=150] [--max-sessions=0] [--jvm="-Xmx256m ..."] [--work=DIR]
 *     [--keep-output] [--launcher=jar|classpath] [--app="--spring.datasource.url=..."]
 * </pre>
 */
public final class Benchmark {

    static final String DEFAULT_JVM = "-Xmx256m";

    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        if (!ProcStats.available()) {
            System.err.println("The benchmark reads /proc and runs on Linux only.");
            System.exit(2);
        }
        String scenario = args.length > 0 && !args[0].startsWith("--") ? args[0] : "targets";
        Map<String, String> options = options(args);
        boolean allMet = switch (scenario) {
            case "targets" -> efficiency(options) & longEpisodes(options) & quota(options);
            case "efficiency" -> efficiency(options);
            case "long" -> longEpisodes(options);
            case "quota" -> quota(options);
            case "deployments" -> deployments(options);
            case "decode" -> {
                System.out.print(dev.nightcast.realtime.protocol.DecodePathBenchmark.run(1.0));
                yield true;
            }
            case "mp3" -> {
                System.out.print(dev.nightcast.podcast.Mp3EncodingBenchmark.run(
                        Double.parseDouble(options.getOrDefault("hours", "1"))));
                yield true;
            }
            case "naive" -> naive(options);
            case "custom" -> {
                print(run(config("custom", 10, 300, 4, options), options));
                yield true;
            }
            default ->
                throw new IllegalArgumentException("unknown scenario '" + scenario
                        + "'; use targets, efficiency, long, quota, deployments, naive, decode, mp3 or custom");
        };
        System.exit(allMet ? 0 : 1);
    }

    /** 100 episodes of 300 words at N=8, real-time factor 20, first audio after 150 ms: efficiency >= 0.95. */
    static boolean efficiency(Map<String, String> options) throws Exception {
        BenchmarkResult result = run(config("efficiency", 100, 300, 8, options), options);
        print(result);
        return check(
                        "efficiency >= 0.95 (JVM start excluded)",
                        result.efficiency() >= 0.95,
                        String.format(Locale.ROOT, "%.3f", result.efficiency()))
                & check("no failed episode", result.episodesFailed() == 0, Integer.toString(result.episodesFailed()));
    }

    /** 8 concurrent 60-minute episodes with -Xmx256m: peak RSS < 400 MB, CPU < 2 s per audio hour. */
    static boolean longEpisodes(Map<String, String> options) throws Exception {
        BenchmarkResult result = run(config("long", 8, 9000, 8, options), options);
        print(result);
        return check(
                        "all 8 complete",
                        result.episodesFailed() == 0 && result.exitCode() == 0,
                        result.episodesDone() + " done")
                & check(
                        "peak RSS < 400 MB",
                        result.peakRssMb() < 400,
                        String.format(Locale.ROOT, "%.0f MB", result.peakRssMb()))
                & check(
                        "client CPU < 2 s per hour of audio while narrating",
                        result.cpuPerAudioHourNarration() < 2,
                        String.format(
                                Locale.ROOT,
                                "%.3f s (%.3f s with the MP3 renditions made after the run,"
                                        + " %.3f s with JVM start-up as well)",
                                result.cpuPerAudioHourNarration(),
                                result.cpuPerAudioHourJob(),
                                result.cpuPerAudioHourTotal()));
    }

    /** Session quota 4: concurrency 16 loses no episode and keeps >= 90% of a concurrency-4 run's throughput. */
    static boolean quota(Map<String, String> options) throws Exception {
        Map<String, String> limited = new LinkedHashMap<>(options);
        limited.putIfAbsent("max-sessions", "4");
        BenchmarkConfig base = config("quota", 48, 300, 4, limited);
        BenchmarkResult tuned = run(base.named("quota, well-tuned").withConcurrency(4), options);
        print(tuned);
        BenchmarkResult eager = run(base.named("quota, over-asking").withConcurrency(16), options);
        print(eager);
        double ratio = eager.throughput() / tuned.throughput();
        return check(
                        "concurrency 16 against a quota of 4: no failed episode",
                        eager.episodesFailed() == 0,
                        Integer.toString(eager.episodesFailed()))
                & check(
                        "throughput >= 90% of concurrency 4",
                        ratio >= 0.90,
                        String.format(
                                Locale.ROOT,
                                "%.3f (%.1f vs %.1f s of audio per second)",
                                ratio,
                                eager.throughput(),
                                tuned.throughput()));
    }

    /**
     * Several deployments, one run: 16 episodes of 300 words, deployments of 4 sessions each (429
     * beyond), concurrency 8, the simulators at 2x real time. Two
     * narrate at >= 1.8x the rate of one, with no failed episode; with the first of two going down for
     * good mid-run, the run still ends with exit 0 and every episode narrated, the rest by the other.
     */
    static boolean deployments(Map<String, String> options) throws Exception {
        Map<String, String> limited = new LinkedHashMap<>(options);
        limited.putIfAbsent("max-sessions", "4");
        // 2x real time: the gateway, not the client's CPU, must be what limits the rate, or the
        // comparison measures the machine. On a shared 2-core machine at load 15-25, two deployments
        // made 1.18x the rate of one at 20x real time and 1.28x at 4x: all eight episodes of a round
        // end together and are mastered at once while no session is in use.
        limited.putIfAbsent("rtf", "2");
        BenchmarkConfig base = config("deployments", 16, 300, 8, limited);
        BenchmarkResult one = run(base.named("deployments, one"), options);
        print(one);
        BenchmarkResult two = run(base.named("deployments, two").withDeployments(2, 0), options);
        print(two);
        BenchmarkResult outage = run(
                base.named("deployments, two, one down mid-run")
                        .withDeployments(2, Integer.parseInt(options.getOrDefault("outage-after", "8"))),
                options);
        print(outage);
        double ratio = two.throughput() / one.throughput();
        return check(
                        "two deployments: no failed episode",
                        two.episodesFailed() == 0 && two.exitCode() == 0,
                        two.episodesDone() + " done, exit " + two.exitCode())
                & check(
                        "two deployments narrate at >= 1.8x the rate of one",
                        ratio >= 1.8,
                        String.format(
                                Locale.ROOT,
                                "%.2fx (%.1f vs %.1f s of audio per second)",
                                ratio,
                                two.throughput(),
                                one.throughput()))
                & check(
                        "one of two down mid-run: exit 0, every episode narrated once",
                        outage.exitCode() == 0
                                && outage.episodesDone() == base.episodes()
                                && outage.segmentsKeptTwice() == 0,
                        "exit " + outage.exitCode() + ", " + outage.episodesDone() + " done, "
                                + outage.segmentsKeptTwice() + " segments kept twice");
    }

    /**
     * Nightcast and the {@link NaiveBatch} baseline side by side on the same work and gateway
     * (by default the efficiency target's): the comparison the throughput issue is judged by.
     */
    static boolean naive(Map<String, String> options) throws Exception {
        BenchmarkConfig config = config("side by side", 100, 300, 8, options);
        BenchmarkResult ours = run(config.named("side by side, Nightcast"), options);
        print(ours);
        BenchmarkResult naive = run(config.asNaive(), options);
        print(naive);
        System.out.printf(
                Locale.ROOT,
                """
                side by side (Nightcast vs naive baseline):
                  episodes done               %d vs %d (failed %d vs %d)
                  audio per wall second       %.1f vs %.1f s (job/batch wall %.1f vs %.1f s)
                  peak RSS                    %.0f vs %.0f MB
                  CPU per audio hour          %.3f vs %.3f s narrating; %.3f vs %.3f s whole process
                """,
                ours.episodesDone(),
                naive.episodesDone(),
                ours.episodesFailed(),
                naive.episodesFailed(),
                ours.throughput(),
                naive.throughput(),
                ours.jobWallSeconds(),
                naive.jobWallSeconds(),
                ours.peakRssMb(),
                naive.peakRssMb(),
                ours.cpuPerAudioHourNarration(),
                naive.cpuPerAudioHourNarration(),
                ours.cpuPerAudioHourTotal(),
                naive.cpuPerAudioHourTotal());
        return true;
    }

    static BenchmarkConfig config(String name, int episodes, int words, int concurrency, Map<String, String> o) {
        return new BenchmarkConfig(
                name,
                Integer.parseInt(o.getOrDefault("episodes", Integer.toString(episodes))),
                Integer.parseInt(o.getOrDefault("words", Integer.toString(words))),
                Integer.parseInt(o.getOrDefault("concurrency", Integer.toString(concurrency))),
                Double.parseDouble(o.getOrDefault("rtf", "20")),
                Duration.ofMillis(Long.parseLong(o.getOrDefault("first-audio-ms", "150"))),
                Integer.parseInt(o.getOrDefault("max-sessions", "0")),
                words(o.getOrDefault("jvm", DEFAULT_JVM)),
                words(o.getOrDefault("app", "")));
    }

    private static List<String> words(String line) {
        return line.isBlank() ? List.of() : Arrays.asList(line.trim().split("\\s+"));
    }

    static BenchmarkResult run(BenchmarkConfig config, Map<String, String> options) throws Exception {
        System.out.println("\n== " + config + " (load average before: " + ProcStats.loadAverage() + ")");
        Path work = Path.of(options.getOrDefault("work", "target/bench"))
                .resolve(config.name().replaceAll("\\W+", "-"));
        return new BenchmarkRun(config, launcher(options), work, options.containsKey("keep-output")).run();
    }

    /** {@code -jar target/nightcast.jar} (what users run), or this JVM's own classpath. */
    static List<String> launcher(Map<String, String> options) {
        if ("classpath".equals(options.get("launcher"))) {
            return List.of("-cp", System.getProperty("java.class.path"), "dev.nightcast.NightcastApplication");
        }
        Path jar = Path.of(options.getOrDefault("jar", "target/nightcast.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; bench/run.sh builds it (./mvnw -DskipTests package)");
        }
        return List.of("-jar", jar.toString());
    }

    private static void print(BenchmarkResult result) {
        System.out.print(result.report());
    }

    private static boolean check(String target, boolean met, String measured) {
        System.out.printf("  [%s] %s: %s%n", met ? "met " : "MISS", target, measured);
        return met;
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                continue;
            }
            int eq = arg.indexOf('=');
            String key = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (!List.of(
                            "episodes",
                            "words",
                            "concurrency",
                            "rtf",
                            "first-audio-ms",
                            "max-sessions",
                            "jvm",
                            "work",
                            "keep-output",
                            "launcher",
                            "jar",
                            "app",
                            "hours",
                            "outage-after",
                            "deployments")
                    .contains(key)) {
                unknown.add(arg);
            }
            options.put(key, eq < 0 ? "" : arg.substring(eq + 1));
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + unknown);
        }
        return options;
    }
}
