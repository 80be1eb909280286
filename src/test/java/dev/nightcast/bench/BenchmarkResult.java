package dev.nightcast.bench;

import java.util.Locale;

/**
 * What one run measured.
 *
 * @param jobWallSeconds from the job execution's start to its end (BATCH_JOB_EXECUTION), JVM start excluded
 * @param processWallSeconds from starting the child JVM to its exit
 * @param gatewaySeconds the time the gateway needs for all responses: per response the first-audio
 *     latency plus its audio at the real-time factor
 * @param idealSeconds {@code gatewaySeconds} over the effective concurrency
 * @param audioSeconds audio the gateway streamed
 * @param cpuSecondsTotal the child JVM's whole CPU time, start-up included
 * @param cpuSecondsJob the child's CPU time from the gateway's first handshake to its exit
 * @param cpuSecondsNarration the child's CPU time from the gateway's first handshake to the end of
 *     the {@code narrate} step (sampled every 20 ms), without the MP3 encoder thread: the
 *     narration client's work, JIT and GC included
 * @param cpuSecondsMp3 the MP3 encoder thread's CPU time (renditions made during and after the run)
 * @param peakRssMb the child's peak resident set size ({@code VmHWM})
 * @param cpuByThread CPU seconds of the child's thread groups from the first handshake to the end
 *     of the narration, largest first
 * @param deployments with several deployments, what each did (null with one)
 * @param segmentsKeptTwice segments with more than one kept reading: paid twice
 */
record BenchmarkResult(
        BenchmarkConfig config,
        int exitCode,
        String jobStatus,
        int episodesDone,
        int episodesFailed,
        double jobWallSeconds,
        double processWallSeconds,
        double gatewaySeconds,
        double idealSeconds,
        double audioSeconds,
        int responses,
        int sessionsRefused,
        int peakSessions,
        double cpuSecondsTotal,
        double cpuSecondsJob,
        double cpuSecondsNarration,
        double cpuSecondsMp3,
        double peakRssMb,
        java.util.Map<String, Double> cpuByThread,
        String deployments,
        long segmentsKeptTwice) {

    double efficiency() {
        return idealSeconds / jobWallSeconds;
    }

    double efficiencyWithJvmStart() {
        return idealSeconds / processWallSeconds;
    }

    /** Seconds of audio narrated per second of job wall time. */
    double throughput() {
        return audioSeconds / jobWallSeconds;
    }

    double audioHours() {
        return audioSeconds / 3600;
    }

    /** The client's CPU per hour of audio while it narrates: the target's measure. */
    double cpuPerAudioHourNarration() {
        return cpuSecondsNarration / audioHours();
    }

    double cpuPerAudioHourJob() {
        return cpuSecondsJob / audioHours();
    }

    double cpuPerAudioHourTotal() {
        return cpuSecondsTotal / audioHours();
    }

    String report() {
        return String.format(
                Locale.ROOT,
                """
                %s
                  exit code                   %d (job %s)
                  episodes                    %d done, %d failed
                  wall seconds (job)          %.2f
                  wall seconds (JVM)          %.2f  (start-up and shutdown included)
                  ideal wall seconds          %.2f  (gateway time %.2f s / effective concurrency %d)
                  efficiency                  %.3f  (ideal / job wall; %.3f with JVM start)
                  throughput                  %.1f s of audio per wall second (%.2f h of audio)
                  gateway                     %d responses, %d sessions refused (429), peak %d sessions
                  peak RSS                    %.0f MB
                  CPU seconds                 %.2f total: %.2f narrating (first handshake to the end of the step),
                                              %.2f MP3 renditions (encoder thread, during and after the run),
                                              %.2f other publishing (page, feed, summary), %.2f JVM and Spring start-up
                  CPU seconds per audio hour  %.3f narrating, %.3f with publishing, %.3f with JVM start-up as well
                  CPU by thread (narrating)   %s
                  segments kept twice         %d%s
                """,
                config,
                exitCode,
                jobStatus,
                episodesDone,
                episodesFailed,
                jobWallSeconds,
                processWallSeconds,
                idealSeconds,
                gatewaySeconds,
                Math.round(gatewaySeconds / idealSeconds),
                efficiency(),
                efficiencyWithJvmStart(),
                throughput(),
                audioHours(),
                responses,
                sessionsRefused,
                peakSessions,
                peakRssMb,
                cpuSecondsTotal,
                cpuSecondsNarration,
                cpuSecondsMp3,
                cpuSecondsJob - cpuSecondsNarration - cpuSecondsMp3,
                cpuSecondsTotal - cpuSecondsJob,
                cpuPerAudioHourNarration(),
                cpuPerAudioHourJob(),
                cpuPerAudioHourTotal(),
                topThreads(),
                segmentsKeptTwice,
                deployments == null ? "" : "\n  deployments" + deployments);
    }

    private String topThreads() {
        return cpuByThread.entrySet().stream()
                .limit(8)
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
