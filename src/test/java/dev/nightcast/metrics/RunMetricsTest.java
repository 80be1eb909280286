package dev.nightcast.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.nightcast.progress.EpisodeEvent;
import dev.nightcast.progress.EpisodeEvent.Outcome;
import dev.nightcast.progress.RunProgress;

/** The run's meters follow what the run observer hears, and spend counts each dollar once. */
class RunMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RunMetrics metrics = new RunMetrics(registry);

    @Test
    void episodesAudioAndSpendAreCountedOnceEachAndTheGaugesReadTheRunInProgress() {
        // given: a run of four entries
        AtomicReference<RunProgress> now = new AtomicReference<>(progress(0, 0, 0, "0", 0));
        metrics.runStarted(7, 4, now::get);
        assertThat(gauge("nightcast.run.eta"))
                .as("no estimate before anything is done")
                .isNaN();

        // when: one narrated, one invalid, then the run ends having spent more on a failed write
        now.set(progress(1, 0, 60_500, "0.25", 10));
        metrics.episodeFinished(event(Outcome.NARRATED, 60_500), now.get());
        now.set(progress(1, 1, 60_500, "0.25", 20));
        metrics.episodeFinished(event(Outcome.INVALID, 0), now.get());

        // then
        assertThat(count("narrated")).isEqualTo(1);
        assertThat(count("invalid")).isEqualTo(1);
        assertThat(count("failed")).isZero();
        assertThat(registry.get("nightcast.audio").counter().count()).isEqualTo(60.5);
        assertThat(registry.get("nightcast.spend").counter().count()).isCloseTo(0.25, within(1e-12));
        assertThat(gauge("nightcast.run.entries")).isEqualTo(4);
        assertThat(gauge("nightcast.run.eta")).as("20 s for 2 of 4").isEqualTo(20);

        metrics.runEnded(progress(1, 1, 60_500, "0.40", 30));
        assertThat(registry.get("nightcast.spend").counter().count()).isCloseTo(0.40, within(1e-12));
        assertThat(gauge("nightcast.run.entries"))
                .as("the ended run's, not the live one's")
                .isEqualTo(4);
    }

    @Test
    void aClusterManagersFollowedProgressCountsWhatTheHostsDidOnceEach() {
        // given: a manager's run of four entries, narrated by worker hosts
        AtomicReference<RunProgress> now = new AtomicReference<>(progress(0, 0, 0, "0", 0));
        metrics.runStarted(7, 4, now::get);

        // when: its totals move twice (no episode event in this process)
        now.set(progress(2, 0, 120_000, "0.20", 10));
        metrics.runProgressed(now.get());
        now.set(progress(3, 1, 180_000, "0.30", 20));
        metrics.runProgressed(now.get());

        // then: each episode, second and dollar counted once
        assertThat(count("narrated")).isEqualTo(3);
        assertThat(count("invalid")).isEqualTo(1);
        assertThat(registry.get("nightcast.audio").counter().count()).isEqualTo(180);
        assertThat(registry.get("nightcast.spend").counter().count()).isCloseTo(0.30, within(1e-12));
        assertThat(gauge("nightcast.run.eta")).as("at the run's end").isZero();
    }

    @Test
    void beforeAnyRunTheGaugesSayNothingAndTheCountersAreZero() {
        assertThat(gauge("nightcast.run.entries")).isNaN();
        assertThat(count("narrated")).isZero();
        assertThat(registry.get("nightcast.spend").counter().count()).isZero();
    }

    private double count(String outcome) {
        return registry.get("nightcast.episodes")
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private static RunProgress progress(long narrated, long invalid, long audioMillis, String usd, long seconds) {
        return new RunProgress(
                4, narrated, 0, 0, invalid, audioMillis, new BigDecimal(usd), Duration.ofSeconds(seconds));
    }

    private static EpisodeEvent event(Outcome outcome, long audioMillis) {
        return new EpisodeEvent(outcome, "ep", "Ep", audioMillis, Duration.ofSeconds(5), null, null, "in.csv:2");
    }
}
