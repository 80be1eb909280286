package dev.nightcast.metrics;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.nightcast.progress.EpisodeEvent;
import dev.nightcast.progress.RunObserver;
import dev.nightcast.progress.RunProgress;

/**
 * What a run did, as meters: {@code nightcast.episodes} by {@code outcome} ({@code narrated},
 * {@code skipped}, {@code failed}, {@code invalid}), {@code nightcast.audio} (seconds narrated) and
 * {@code nightcast.spend} (USD, from the usage the gateway reported, failed attempts included: the
 * same number as the progress lines and the summary), all counters; and two gauges for whoever
 * watches a run in progress, {@code nightcast.run.entries} (the run's input entries) and
 * {@code nightcast.run.eta} (seconds left at the pace so far; NaN before anything is done).
 *
 * <p>Counters start at zero in each process; a push after the run (see DESIGN "Watching from
 * outside") therefore holds that run's totals. Registered once, at start-up, so they are pushed
 * (as zeros) even by a run that ends before its first episode.
 */
@Component
public class RunMetrics implements RunObserver {

    private final Map<EpisodeEvent.Outcome, Counter> episodes = new EnumMap<>(EpisodeEvent.Outcome.class);
    private final Counter audio;
    private final Counter spend;
    private volatile @Nullable Supplier<RunProgress> current;
    private @Nullable BigDecimal counted;
    /** Where the followed run stood when last counted (a cluster's manager), or null. */
    private @Nullable RunProgress followed;

    public RunMetrics(MeterRegistry registry) {
        for (EpisodeEvent.Outcome outcome : EpisodeEvent.Outcome.values()) {
            episodes.put(
                    outcome,
                    Counter.builder("nightcast.episodes")
                            .description("Input entries finished, by outcome")
                            .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                            .register(registry));
        }
        audio = Counter.builder("nightcast.audio")
                .baseUnit("seconds")
                .description("Audio narrated")
                .register(registry);
        spend = Counter.builder("nightcast.spend")
                .baseUnit("usd")
                .description("Spend from the token usage the gateway reported, priced by nightcast.pricing")
                .register(registry);
        Gauge.builder("nightcast.run.entries", this, metrics -> metrics.now(RunProgress::total))
                .description("Input entries of the run in progress, or of the last run")
                .register(registry);
        Gauge.builder("nightcast.run.eta", this, RunMetrics::etaSeconds)
                .baseUnit("seconds")
                .description("Estimated time left of the run in progress, at its pace so far")
                .register(registry);
    }

    @Override
    public synchronized void runStarted(long jobExecutionId, int total, Supplier<RunProgress> progress) {
        current = progress;
        counted = null;
        followed = null;
    }

    @Override
    public synchronized void episodeFinished(EpisodeEvent event, RunProgress progress) {
        // One counter per outcome, made in the constructor.
        Objects.requireNonNull(episodes.get(event.outcome())).increment();
        audio.increment(event.audioMillis() / 1000.0);
        countSpend(progress);
    }

    /** A cluster's manager: counts what its worker hosts did since the last time, by outcome. */
    @Override
    public synchronized void runProgressed(RunProgress progress) {
        RunProgress before = followed;
        count(EpisodeEvent.Outcome.NARRATED, progress.narrated() - (before == null ? 0 : before.narrated()));
        count(EpisodeEvent.Outcome.SKIPPED, progress.skipped() - (before == null ? 0 : before.skipped()));
        count(EpisodeEvent.Outcome.FAILED, progress.failed() - (before == null ? 0 : before.failed()));
        count(EpisodeEvent.Outcome.INVALID, progress.invalid() - (before == null ? 0 : before.invalid()));
        long audioMillis = progress.audioMillis() - (before == null ? 0 : before.audioMillis());
        if (audioMillis > 0) {
            audio.increment(audioMillis / 1000.0);
        }
        countSpend(progress);
        followed = progress;
    }

    private void count(EpisodeEvent.Outcome outcome, long added) {
        if (added > 0) {
            Objects.requireNonNull(episodes.get(outcome)).increment(added);
        }
    }

    @Override
    public synchronized void runEnded(RunProgress progress) {
        countSpend(progress);
        // What the run ended with stays readable after its live state is gone.
        current = () -> progress;
    }

    /** Adds what was spent since the last count: the run's spend only ever grows. */
    private void countSpend(RunProgress progress) {
        BigDecimal now = progress.cost();
        if (now == null) {
            return;
        }
        BigDecimal added = counted == null ? now : now.subtract(counted);
        if (added.signum() > 0) {
            spend.increment(added.doubleValue());
            counted = now;
        }
    }

    private double now(ToLongFunction<RunProgress> value) {
        Supplier<RunProgress> progress = current;
        return progress == null ? Double.NaN : value.applyAsLong(progress.get());
    }

    private double etaSeconds() {
        Supplier<RunProgress> progress = current;
        if (progress == null) {
            return Double.NaN;
        }
        Duration eta = progress.get().eta();
        return eta == null ? Double.NaN : eta.toMillis() / 1000.0;
    }
}
