package dev.nightcast.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.nightcast.gateway.GatewayProperties;
import dev.nightcast.gateway.RealtimeGatewayFactory;
import dev.nightcast.realtime.RealtimeSession;
import dev.nightcast.realtime.SegmentRequest;
import dev.nightcast.realtime.SessionSettings;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;

/**
 * Runs the real job once, in a child JVM ({@code java [options] <launcher> narrate --params=...}),
 * against a simulator in this JVM reached over loopback like Azure (endpoint + api-key), with a
 * fresh H2 file database, and measures it. This JVM's own work (the simulator) never counts as
 * the child's.
 */
final class BenchmarkRun {

    private static final double PCM_BYTES_PER_SECOND = 48_000.0;
    private static final int WORDS_PER_MINUTE = 150;
    private static final long SAMPLE_MILLIS = 20;
    /** {@link dev.nightcast.podcast.Mp3Renditions#THREAD} as {@code /proc} shows it, digits folded. */
    private static final String MP3_THREAD = dev.nightcast.podcast.Mp3Renditions.THREAD.replaceAll("\\d+", "#");

    private final BenchmarkConfig config;
    private final List<String> launcher;
    private final Path work;
    private final boolean keepOutput;

    /**
     * @param launcher how the child starts the application after the JVM options, e.g.
     *     {@code -jar target/nightcast.jar} or {@code -cp <classpath> dev.nightcast.NightcastApplication}
     * @param work a folder of its own for input, output, database and the child's log (emptied first)
     */
    BenchmarkRun(BenchmarkConfig config, List<String> launcher, Path work, boolean keepOutput) {
        this.config = config;
        this.launcher = List.copyOf(launcher);
        this.work = work;
        this.keepOutput = keepOutput;
    }

    BenchmarkResult run() throws Exception {
        deleteRecursively(work);
        Path csv = EpisodeGenerator.write(work.resolve("input/episodes.csv"), config.episodes(), config.words());
        Path params = work.resolve("run.properties");
        Files.writeString(
                params,
                "input=" + csv + "\noutput=" + work.resolve("output") + "\ngateway=azure\n" + "concurrency="
                        + config.concurrency() + "\n",
                StandardCharsets.UTF_8);
        String database = "jdbc:h2:file:" + work.resolve("db/nightcast").toAbsolutePath();
        SimulatorSettings settings = new SimulatorSettings(
                config.realtimeFactor(),
                config.firstAudioLatency(),
                WORDS_PER_MINUTE,
                SimulatorSettings.SERVICE_MAX_OUTPUT_TOKENS);
        List<ScriptedSimulator> deployments = new ArrayList<>();
        for (int i = 0; i < config.deployments(); i++) {
            deployments.add(ScriptedSimulator.start(settings, config.maxSessions()));
        }
        try (AutoCloseable closeAll = () -> deployments.forEach(ScriptedSimulator::close)) {
            ScriptedSimulator simulator = deployments.get(0);
            for (ScriptedSimulator deployment : deployments) {
                warmUp(deployment);
            }
            Counters before = Counters.of(deployments);
            List<Counters> eachBefore = deployments.stream().map(Counters::of).toList();
            ProcessBuilder child = new ProcessBuilder(command(params, database))
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("child.log").toFile());
            Map<String, String> env = child.environment();
            env.keySet()
                    .removeIf(name -> name.startsWith("AZURE_OPENAI")
                            || name.startsWith("SPRING_")
                            || name.startsWith("NIGHTCAST_"));
            if (deployments.size() == 1) {
                env.put("AZURE_OPENAI_ENDPOINT", simulator.baseUrl());
                env.put("AZURE_OPENAI_API_KEY", "benchmark-key-not-a-secret");
            } else {
                // As an operator configures several deployments: environment variables, one key each.
                for (int i = 0; i < deployments.size(); i++) {
                    env.put(
                            "NIGHTCAST_GATEWAY_DEPLOYMENTS_" + i + "_ENDPOINT",
                            deployments.get(i).baseUrl());
                    env.put("NIGHTCAST_GATEWAY_DEPLOYMENTS_" + i + "_API_KEY", "benchmark-key-" + i + "-not-a-secret");
                }
            }
            Outage outage = new Outage(simulator, eachBefore.get(0).responses + config.outageAfter());

            long cpuBefore = ProcStats.reapedChildrenCpuTicks();
            long started = System.nanoTime();
            Process process = child.start();
            Sampler sampler = new Sampler(process.pid(), simulator);
            Thread sampling = new Thread(sampler, "benchmark-sampler");
            sampling.setDaemon(true);
            sampling.start();
            Thread outages = new Thread(outage, "benchmark-outage");
            outages.setDaemon(true);
            if (config.outageAfter() > 0) {
                outages.start();
            }
            if (!process.waitFor(timeoutSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(config.name() + ": the job did not finish within " + timeoutSeconds()
                        + " s; see " + work.resolve("child.log"));
            }
            double processWall = (System.nanoTime() - started) / 1e9;
            sampler.stop();
            sampling.join();
            outages.interrupt();
            double cpuTotal = (ProcStats.reapedChildrenCpuTicks() - cpuBefore) / ProcStats.TICKS_PER_SECOND;
            double cpuJob = cpuTotal - Math.max(0, sampler.cpuTicksAtFirstHandshake) / ProcStats.TICKS_PER_SECOND;

            Counters run = Counters.of(deployments).minus(before);
            double audioSeconds = run.audioBytes / PCM_BYTES_PER_SECOND;
            double gatewaySeconds = run.responses * config.firstAudioLatency().toNanos() / 1e9
                    + (config.realtimeFactor() > 0 ? audioSeconds / config.realtimeFactor() : 0);
            Outcome outcome = config.naive()
                    ? readNaiveOutcome(work.resolve("naive-result.properties"))
                    : readOutcome(
                            database, outage.at, simulator.baseUrl().replace("http://", "") + "/gpt-realtime-mini");
            Sampler.Snapshot narrated = sampler.lastBefore(outcome.narrationEnd);
            double mp3WhileNarrating = sampler.threadSeconds(narrated, MP3_THREAD);
            double mp3 = sampler.threadSeconds(sampler.last(), MP3_THREAD);
            int slots = Math.max(1, Math.min(config.effectiveConcurrency(), run.responses));
            BenchmarkResult result = new BenchmarkResult(
                    config,
                    process.exitValue(),
                    outcome.jobStatus,
                    outcome.done,
                    config.episodes() - outcome.done,
                    outcome.jobWallSeconds,
                    processWall,
                    gatewaySeconds,
                    gatewaySeconds / slots,
                    audioSeconds,
                    run.responses,
                    run.refused,
                    deployments.stream()
                            .mapToInt(ScriptedSimulator::peakSessions)
                            .sum(),
                    cpuTotal,
                    cpuJob,
                    sampler.cpuSecondsSinceFirstHandshake(narrated) - mp3WhileNarrating,
                    mp3,
                    sampler.peakRssKb / 1024.0,
                    sampler.cpuByThreadSinceFirstHandshake(narrated),
                    deployments.size() == 1 ? null : describe(deployments, eachBefore, outage, outcome),
                    outcome.segmentsKeptTwice);
            if (!keepOutput) {
                deleteRecursively(work.resolve("output"));
            }
            return result;
        }
    }

    /**
     * One narration from this JVM before the run, so the simulator's own first-connection costs
     * (class loading, thread pools) are not charged to the job: a real service is warm.
     */
    private static void warmUp(ScriptedSimulator simulator) throws Exception {
        GatewayProperties properties = new GatewayProperties(
                new GatewayProperties.Azure(simulator.baseUrl(), null, "warm-up-key", null), null, null, null);
        try (RealtimeGatewayFactory factory = new RealtimeGatewayFactory(properties);
                RealtimeSession session = factory.create("azure").open(new SessionSettings("alloy", "Read."))) {
            session.narrate(new SegmentRequest("warm-up", 0, 1, "Warming up the simulator.", "Read."), pcm -> {});
        }
    }

    /** What each deployment did: its responses, peak sessions and refusals, and its kept readings (attempt rows). */
    private static String describe(
            List<ScriptedSimulator> deployments, List<Counters> before, Outage outage, Outcome outcome) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < deployments.size(); i++) {
            ScriptedSimulator d = deployments.get(i);
            Counters run = Counters.of(d).minus(before.get(i));
            String name = d.baseUrl().replace("http://", "") + "/gpt-realtime-mini";
            text.append(String.format(
                    Locale.ROOT,
                    "%n    %s: %d responses, peak %d sessions, %d refused (429)," + " %d segments kept, %d episodes",
                    name,
                    run.responses,
                    d.peakSessions(),
                    run.refused,
                    outcome.keptOn.getOrDefault(name, 0L),
                    outcome.episodesOn.getOrDefault(name, 0L)));
            if (i == 0 && outage.at != null) {
                text.append(String.format(
                        Locale.ROOT,
                        "; down from %s, %d segments kept on it after that",
                        outage.at,
                        outcome.keptOnFirstAfterOutage));
            }
        }
        return text.toString();
    }

    /** Takes the first deployment down for good once it has accepted {@code afterResponses} responses. */
    private static final class Outage implements Runnable {

        private final ScriptedSimulator deployment;
        private final int afterResponses;
        private volatile Instant at;

        Outage(ScriptedSimulator deployment, int afterResponses) {
            this.deployment = deployment;
            this.afterResponses = afterResponses;
        }

        @Override
        public void run() {
            try {
                while (deployment.responsesCreated() < afterResponses) {
                    Thread.sleep(5);
                }
            } catch (InterruptedException e) {
                return;
            }
            at = Instant.now();
            deployment.startOutage(dev.nightcast.simulator.Fault.serviceUnavailable());
        }
    }

    /** The simulators' counters at one moment, summed, to leave the warm-up out. */
    private record Counters(int responses, long audioBytes, int refused) {

        static Counters of(ScriptedSimulator simulator) {
            return new Counters(simulator.responsesCreated(), simulator.audioBytesSent(), simulator.sessionsRefused());
        }

        static Counters of(List<ScriptedSimulator> simulators) {
            return simulators.stream()
                    .map(Counters::of)
                    .reduce(
                            new Counters(0, 0, 0),
                            (a, b) -> new Counters(
                                    a.responses + b.responses, a.audioBytes + b.audioBytes, a.refused + b.refused));
        }

        Counters minus(Counters earlier) {
            return new Counters(
                    responses - earlier.responses, audioBytes - earlier.audioBytes, refused - earlier.refused);
        }
    }

    private List<String> command(Path params, String database) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(config.jvmOptions());
        if (config.naive()) {
            command.addAll(List.of(
                    "-cp",
                    System.getProperty("java.class.path"),
                    NaiveBatch.class.getName(),
                    work.resolve("input/episodes.csv").toString(),
                    work.resolve("output").toString(),
                    Integer.toString(config.concurrency()),
                    work.resolve("naive-result.properties").toString()));
            return command;
        }
        command.addAll(launcher);
        command.add("narrate");
        command.add("--params=" + params);
        command.add("--spring.datasource.url=" + database);
        command.addAll(config.appArguments());
        return command;
    }

    private long timeoutSeconds() {
        double audioSeconds = config.episodes() * config.words() * 60.0 / WORDS_PER_MINUTE;
        double gateway = config.realtimeFactor() > 0 ? audioSeconds / config.realtimeFactor() : 0;
        return (long) (120 + 5 * gateway / config.effectiveConcurrency());
    }

    /**
     * @param narrationEnd when the {@code narrate} step ended: the narration is over, publishing follows
     * @param keptOn readings kept per deployment (attempt rows {@code SUCCEEDED})
     * @param episodesOn episodes with a reading kept on each deployment
     * @param keptOnFirstAfterOutage readings kept on the first deployment after its outage began
     * @param segmentsKeptTwice segments with more than one kept reading (paid twice): must be 0
     */
    private record Outcome(
            String jobStatus,
            double jobWallSeconds,
            int done,
            Instant narrationEnd,
            Map<String, Long> keptOn,
            Map<String, Long> episodesOn,
            long keptOnFirstAfterOutage,
            long segmentsKeptTwice) {

        Outcome(String jobStatus, double jobWallSeconds, int done, Instant narrationEnd) {
            this(jobStatus, jobWallSeconds, done, narrationEnd, Map.of(), Map.of(), 0, 0);
        }
    }

    /** @param first the first deployment, as attempt rows name it */
    private static Outcome readOutcome(String database, Instant outage, String first) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database, "sa", "");
                Statement statement = connection.createStatement()) {
            String status = "none";
            double wall = Double.NaN;
            try (ResultSet job = statement.executeQuery("SELECT STATUS, START_TIME, END_TIME FROM BATCH_JOB_EXECUTION"
                    + " ORDER BY JOB_EXECUTION_ID DESC FETCH FIRST 1 ROWS ONLY")) {
                if (job.next()) {
                    status = job.getString(1);
                    Timestamp start = job.getTimestamp(2);
                    Timestamp end = job.getTimestamp(3);
                    if (start != null && end != null) {
                        wall = Duration.between(start.toInstant(), end.toInstant())
                                        .toNanos()
                                / 1e9;
                    }
                }
            }
            Instant narrationEnd = Instant.now();
            try (ResultSet step = statement.executeQuery("SELECT END_TIME FROM BATCH_STEP_EXECUTION"
                    + " WHERE STEP_NAME = 'narrate' ORDER BY STEP_EXECUTION_ID DESC FETCH FIRST 1 ROWS ONLY")) {
                if (step.next() && step.getTimestamp(1) != null) {
                    narrationEnd = step.getTimestamp(1).toInstant();
                }
            }
            int done;
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM episode WHERE status = 'DONE'")) {
                rows.next();
                done = rows.getInt(1);
            }
            Map<String, Long> keptOn = new java.util.TreeMap<>();
            Map<String, Long> episodesOn = new java.util.TreeMap<>();
            try (ResultSet rows = statement.executeQuery("SELECT deployment, COUNT(*), COUNT(DISTINCT episode_id)"
                    + " FROM episode_attempt WHERE outcome = 'SUCCEEDED' AND deployment IS NOT NULL"
                    + " GROUP BY deployment")) {
                while (rows.next()) {
                    keptOn.put(rows.getString(1), rows.getLong(2));
                    episodesOn.put(rows.getString(1), rows.getLong(3));
                }
            }
            long twice;
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM (SELECT episode_id, segment_index"
                    + " FROM episode_attempt WHERE outcome = 'SUCCEEDED' GROUP BY episode_id, segment_index"
                    + " HAVING COUNT(*) > 1) twice")) {
                rows.next();
                twice = rows.getLong(1);
            }
            long afterOutage = 0;
            if (outage != null) {
                try (var query = connection.prepareStatement("SELECT COUNT(*) FROM episode_attempt WHERE outcome ="
                        + " 'SUCCEEDED' AND created_at > ? AND deployment = ?")) {
                    query.setTimestamp(1, Timestamp.from(outage));
                    query.setString(2, first);
                    try (ResultSet rows = query.executeQuery()) {
                        rows.next();
                        afterOutage = rows.getLong(1);
                    }
                }
            }
            return new Outcome(status, wall, done, narrationEnd, keptOn, episodesOn, afterOutage, twice);
        }
    }

    private static Outcome readNaiveOutcome(Path file) throws IOException {
        java.util.Properties result = new java.util.Properties();
        if (Files.isRegularFile(file)) {
            try (var in = Files.newInputStream(file)) {
                result.load(in);
            }
        }
        long started = Long.parseLong(result.getProperty("started", "0"));
        long ended = Long.parseLong(result.getProperty("ended", "0"));
        return new Outcome(
                ended > 0 ? "ENDED" : "none",
                (ended - started) / 1000.0,
                Integer.parseInt(result.getProperty("done", "0")),
                Instant.ofEpochMilli(ended));
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * Polls the child's peak RSS and CPU time, and notes its CPU time when the simulator sees the
     * first handshake: what the child spent before is JVM and Spring start-up. Keeps a snapshot of
     * every poll from then on, so the CPU up to any moment of the run (the end of the narration)
     * can be told apart from what followed.
     */
    private static final class Sampler implements Runnable {

        /** The child's CPU ticks, in all and per thread id, at one moment. */
        record Snapshot(Instant at, long cpuTicks, Map<String, ProcStats.ThreadTicks> threads) {}

        private final long pid;
        private final ScriptedSimulator simulator;
        private final int connectionsBefore;
        private volatile boolean running = true;
        private volatile long peakRssKb;
        private volatile long cpuTicksAtFirstHandshake = -1;
        private volatile Map<String, ProcStats.ThreadTicks> threadsAtFirstHandshake = Map.of();
        /** Read only after the sampling thread has ended (joined). */
        private final List<Snapshot> snapshots = new ArrayList<>();

        Sampler(long pid, ScriptedSimulator simulator) {
            this.pid = pid;
            this.simulator = simulator;
            this.connectionsBefore = simulator.connections();
        }

        void stop() {
            running = false;
        }

        /** The last snapshot taken at or before {@code moment} (the first one if none was). */
        Snapshot lastBefore(Instant moment) {
            Snapshot last = snapshots.isEmpty() ? nothing() : snapshots.get(0);
            for (Snapshot snapshot : snapshots) {
                if (snapshot.at().isAfter(moment)) {
                    break;
                }
                last = snapshot;
            }
            return last;
        }

        Snapshot last() {
            return snapshots.isEmpty() ? nothing() : snapshots.get(snapshots.size() - 1);
        }

        /** Stands in when the child ended before the first handshake: no CPU to charge. */
        private static Snapshot nothing() {
            return new Snapshot(Instant.now(), 0, Map.of());
        }

        /** CPU seconds of the threads named {@code name} (digits folded) up to {@code until}. */
        double threadSeconds(Snapshot until, String name) {
            return until.threads().values().stream()
                            .filter(thread -> thread.name().equals(name))
                            .mapToLong(ProcStats.ThreadTicks::ticks)
                            .sum()
                    / ProcStats.TICKS_PER_SECOND;
        }

        double cpuSecondsSinceFirstHandshake(Snapshot until) {
            return Math.max(0, until.cpuTicks() - cpuTicksAtFirstHandshake) / ProcStats.TICKS_PER_SECOND;
        }

        /**
         * CPU seconds per thread group from the first handshake to {@code until}, largest first; the
         * key holds the name and, in brackets, the part spent in the kernel.
         */
        Map<String, Double> cpuByThreadSinceFirstHandshake(Snapshot until) {
            Map<String, long[]> ticks = new java.util.HashMap<>();
            until.threads().forEach((id, thread) -> {
                ProcStats.ThreadTicks before = threadsAtFirstHandshake.get(id);
                long[] sum = ticks.computeIfAbsent(thread.name(), name -> new long[2]);
                sum[0] += thread.ticks() - (before == null ? 0 : before.ticks());
                sum[1] += thread.systemTicks() - (before == null ? 0 : before.systemTicks());
            });
            Map<String, Double> seconds = new java.util.LinkedHashMap<>();
            ticks.entrySet().stream()
                    .filter(e -> e.getValue()[0] > 0)
                    .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                    .forEach(e -> seconds.put(
                            String.format(
                                    java.util.Locale.ROOT,
                                    "%s (kernel %.2f)",
                                    e.getKey(),
                                    e.getValue()[1] / ProcStats.TICKS_PER_SECOND),
                            e.getValue()[0] / ProcStats.TICKS_PER_SECOND));
            return seconds;
        }

        @Override
        public void run() {
            // Threads that ended keep their last reading.
            Map<String, ProcStats.ThreadTicks> threadsSeen = new java.util.HashMap<>();
            while (running) {
                long rss = ProcStats.peakRssKb(pid);
                peakRssKb = Math.max(peakRssKb, rss);
                long cpu = ProcStats.cpuTicks(pid);
                threadsSeen.putAll(ProcStats.cpuTicksByThread(pid));
                if (cpuTicksAtFirstHandshake < 0 && simulator.connections() > connectionsBefore) {
                    cpuTicksAtFirstHandshake = cpu;
                    threadsAtFirstHandshake = Map.copyOf(threadsSeen);
                }
                if (cpuTicksAtFirstHandshake >= 0 && cpu >= 0) {
                    snapshots.add(new Snapshot(Instant.now(), cpu, Map.copyOf(threadsSeen)));
                }
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
