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
 * @param peakRssMb the child's peak resident set size ({@code VmHWM})
 * @param cpuByThread CPU seconds of the child's thread groups from the first handshake on, largest
 *     first (sampled: threads that ended before the last sample are missing)
 */
record BenchmarkResult(BenchmarkConfig config, int exitCode, String jobStatus, int episodesDone, int episodesFailed,
        double jobWallSeconds, double processWallSeconds, double gatewaySeconds, double idealSeconds,
        double audioSeconds, int responses, int sessionsRefused, int peakSessions, double cpuSecondsTotal,
        double cpuSecondsJob, double peakRssMb, java.util.Map<String, Double> cpuByThread) {

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

    double cpuPerAudioHourJob() {
        return cpuSecondsJob / audioHours();
    }

    double cpuPerAudioHourTotal() {
        return cpuSecondsTotal / audioHours();
    }

    String report() {
        return String.format(Locale.ROOT, """
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
                  CPU seconds                 %.2f total, %.2f from the first handshake on
                  CPU seconds per audio hour  %.3f (job), %.3f (with JVM start-up)
                  CPU by thread (job)         %s
                """, config, exitCode, jobStatus, episodesDone, episodesFailed, jobWallSeconds, processWallSeconds,
                idealSeconds, gatewaySeconds, config.effectiveConcurrency(), efficiency(), efficiencyWithJvmStart(),
                throughput(), audioHours(), responses, sessionsRefused, peakSessions, peakRssMb, cpuSecondsTotal,
                cpuSecondsJob, cpuPerAudioHourJob(), cpuPerAudioHourTotal(), topThreads());
    }

    private String topThreads() {
        return cpuByThread.entrySet().stream().limit(8)
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
