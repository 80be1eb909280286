package dev.nightcast.job;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
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
import dev.nightcast.report.RunSummary;
import dev.nightcast.store.EpisodeRepository;

/**
 * Keeps a {@link LiveRun} for each running execution of the narrate job: created when the job
 * starts, told about every episode by {@link EpisodeListener}, consulted by
 * {@link GuardedEpisodeReader} before each episode starts, and closed when the job ends.
 *
 * <p>An execution stopped by its {@link RunLimits} ends {@code STOPPED} (so the next run of the same
 * params restarts it and continues) with the exit code {@link RunSummary#LIMIT_REACHED} and the
 * reason as its exit description.
 */
@Component
public class RunMonitor implements JobExecutionListener {

    private final RunGateways gateways;
    private final PriceTable prices;
    private final UsageEstimate estimate;
    private final NarrationProperties narration;
    private final AudioProperties audio;
    private final EpisodeRepository episodes;
    private final Clock clock;
    private final ObjectProvider<RunObserver> observers;
    private final AtomicReference<Expected> next = new AtomicReference<>();
    private final Map<Long, LiveRun> runs = new ConcurrentHashMap<>();

    RunMonitor(RunGateways gateways, PriceTable prices, NarrationProperties narration, AudioProperties audio,
            EpisodeRepository episodes, Clock clock, ObjectProvider<RunObserver> observers) {
        this.gateways = gateways;
        this.narration = narration;
        this.audio = audio;
        this.episodes = episodes;
        this.prices = prices;
        this.estimate = new UsageEstimate(narration.maxSegmentWords());
        this.clock = clock;
        this.observers = observers;
    }

    private record Expected(int total, RunLimits limits) {
    }

    /**
     * What the next job execution to start in this process works on: its input entries (for
     * progress) and the limits of this invocation, which are not job parameters.
     */
    public void expect(int total, RunLimits limits) {
        next.set(new Expected(total, limits));
    }

    Optional<LiveRun> live(long jobExecutionId) {
        return Optional.ofNullable(runs.get(jobExecutionId));
    }

    @Override
    public void beforeJob(JobExecution execution) {
        Expected expected = next.getAndSet(null);
        if (expected == null) {
            expected = new Expected(0, RunLimits.NONE);
        }
        String model = gateways.get(execution.getJobParameters().getString(RunParams.GATEWAY)).model();
        PublishedEpisodeCheck published = new PublishedEpisodeCheck(episodes,
                new OutputLayout(Path.of(execution.getJobParameters().getString(RunParams.OUTPUT))));
        LiveRun run = new LiveRun(execution.getId(), expected.total(), model, expected.limits(),
                expected.limits().deadlineAfter(clock.instant(), ZoneId.systemDefault()), prices, estimate, clock,
                List.copyOf(observers.orderedStream().toList()),
                script -> published.isPublished(script.id(), Fingerprint.of(script, model, narration, audio.mastering())));
        runs.put(execution.getId(), run);
        run.started();
    }

    @Override
    public void afterJob(JobExecution execution) {
        LiveRun run = runs.remove(execution.getId());
        if (run == null) {
            return;
        }
        run.stopReason()
                .filter(reason -> execution.getStatus() == BatchStatus.STOPPED)
                .ifPresent(reason -> execution.setExitStatus(new ExitStatus(RunSummary.LIMIT_REACHED, reason)));
        run.ended();
    }
}
