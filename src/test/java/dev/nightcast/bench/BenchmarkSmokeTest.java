package dev.nightcast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark, small: a real job in a child JVM against a simulator holding one session at a
 * time, with two workers asking. Checks correctness only (everything narrated, nothing failed,
 * the measurements present), never timings; {@code bench/run.sh} measures.
 */
@EnabledOnOs(OS.LINUX)
class BenchmarkSmokeTest {

    @TempDir
    Path work;

    @Test
    void aSmallRunThroughTheRealJobCompletesEveryEpisodeAndMeasuresIt() throws Exception {
        BenchmarkConfig config =
                new BenchmarkConfig("smoke", 3, 60, 2, 0, Duration.ZERO, 1, List.of("-Xmx128m"), List.of());

        BenchmarkResult result =
                new BenchmarkRun(config, Benchmark.launcher(Map.of("launcher", "classpath")), work, false).run();

        assertThat(result.exitCode()).as("see %s", work.resolve("child.log")).isZero();
        assertThat(result.jobStatus()).isEqualTo("COMPLETED");
        assertThat(result.episodesDone()).isEqualTo(3);
        assertThat(result.episodesFailed()).isZero();
        assertThat(result.responses()).isEqualTo(3);
        assertThat(result.audioSeconds()).isEqualTo(3 * 60 * 0.4); // 60 words at 150 words per minute
        assertThat(result.peakSessions()).isEqualTo(1);
        assertThat(result.peakRssMb()).isPositive();
        assertThat(result.cpuSecondsTotal()).isPositive();
        assertThat(result.jobWallSeconds()).isPositive();
        assertThat(result.report()).contains("3 done, 0 failed");
    }

    @Test
    void theNaiveBaselineNarratesTheSameWorkAgainstTheSameSimulator() throws Exception {
        BenchmarkConfig config =
                new BenchmarkConfig("smoke", 3, 60, 2, 0, Duration.ZERO, 0, List.of("-Xmx128m"), List.of()).asNaive();

        BenchmarkResult result = new BenchmarkRun(config, List.of(), work, true).run();

        assertThat(result.episodesDone())
                .as("see %s", work.resolve("child.log"))
                .isEqualTo(3);
        assertThat(result.episodesFailed()).isZero();
        assertThat(result.responses()).as("one response per episode").isEqualTo(3);
        assertThat(result.audioSeconds()).isEqualTo(3 * 60 * 0.4);
        assertThat(work.resolve("output/bench-0001.wav")).hasSize(44 + 60 * 400 / 1000 * 48_000);
        assertThat(result.jobWallSeconds()).isPositive();
    }
}
