package dev.nightcast.job;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.nightcast.audio.AudioProperties;
import dev.nightcast.budget.PriceTable;
import dev.nightcast.budget.RunLimits;
import dev.nightcast.budget.UsageEstimate;
import dev.nightcast.gateway.RunGateways;
import dev.nightcast.narration.Fingerprint;
import dev.nightcast.narration.NarrationProperties;
import dev.nightcast.progress.LiveRun;
import dev.nightcast.progress.RunObserver;
import dev.nightcast.publication.OutputLayout;
import dev.nightcast.publication.PublishedEpisodeCheck;
import dev.nightcast.store.EpisodeRepository;

/**
 * Starts the {@link LiveRun} of an execution as it begins: its limits are the execution's own job
 * parameters ({@code max-cost}, and the first {@code finish-by} after now), its observers the
 * console progress. On a worker host of a cluster the live run has no limits of its own: the run's
 * limits are the manager's, applied to every host's claims in the database ({@link ClaimedEpisodes}).
 */
@Component
class LiveRunFactory {

    private final RunGateways gateways;
    private final PriceTable prices;
    private final UsageEstimate estimate;
    private final NarrationProperties narration;
    private final AudioProperties audio;
    private final EpisodeRepository episodes;
    private final Clock clock;
    private final ObjectProvider<RunObserver> observers;

    LiveRunFactory(
            RunGateways gateways,
            PriceTable prices,
            NarrationProperties narration,
            AudioProperties audio,
            EpisodeRepository episodes,
            Clock clock,
            ObjectProvider<RunObserver> observers) {
        this.gateways = gateways;
        this.prices = prices;
        this.estimate = new UsageEstimate(narration.maxSegmentWords());
        this.narration = narration;
        this.audio = audio;
        this.episodes = episodes;
        this.clock = clock;
        this.observers = observers;
    }

    /** @param total the input's entries, for progress */
    LiveRun start(long executionId, RunParams params, int total) {
        return start(
                executionId,
                params,
                total,
                params.limits(),
                params.limits().deadlineAfter(clock.instant(), ZoneId.systemDefault()));
    }

    /** The live run of a worker host's partitions of a cluster's execution: progress only, no limits. */
    LiveRun startOnWorkerHost(long executionId, RunParams params, int total) {
        return start(executionId, params, total, RunLimits.NONE, null);
    }

    private LiveRun start(long executionId, RunParams params, int total, RunLimits limits, @Nullable Instant deadline) {
        String model = gateways.get(params.gateway()).model();
        PublishedEpisodeCheck published = new PublishedEpisodeCheck(episodes, new OutputLayout(params.output()));
        LiveRun run = new LiveRun(
                executionId,
                total,
                model,
                limits,
                deadline,
                prices,
                estimate,
                clock,
                List.copyOf(observers.orderedStream().toList()),
                script -> published.isPublished(
                        script.id(), Fingerprint.of(script, model, narration, audio.mastering())));
        run.started();
        return run;
    }
}
