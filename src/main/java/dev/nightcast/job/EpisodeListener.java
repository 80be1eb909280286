package dev.nightcast.job;

import java.math.BigDecimal;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.listener.ItemProcessListener;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

import dev.nightcast.audio.PcmFormat;
import dev.nightcast.budget.PriceTable;
import dev.nightcast.narration.EpisodeOutcome;
import dev.nightcast.progress.EpisodeEvent;
import dev.nightcast.progress.EpisodeEvent.Outcome;
import dev.nightcast.progress.LiveRun;
import dev.nightcast.realtime.TokenUsage;
import dev.nightcast.report.ExecutionTally;
import dev.nightcast.script.EpisodeScript;
import dev.nightcast.script.ScriptEntry;

/**
 * Hears what a narration worker does and tells the run's {@link LiveRun} and the worker's
 * {@link ExecutionTally} (saved by Spring Batch with the chunk). Narration code knows nothing of it.
 *
 * <p>One instance per worker (step-scoped): it keeps the worker's step execution from
 * {@link #beforeStep}.
 */
class EpisodeListener
        implements ItemProcessListener<ScriptEntry, EpisodeOutcome>,
                ItemWriteListener<EpisodeOutcome>,
                StepExecutionListener {

    private final LiveRun live;
    private final EpisodeSource source;
    private final PriceTable prices;
    private StepExecution worker;

    EpisodeListener(LiveRun live, EpisodeSource source, PriceTable prices) {
        this.live = live;
        this.source = source;
        this.prices = prices;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        worker = stepExecution;
        ExecutionTally.reset(stepExecution.getExecutionContext());
    }

    @Override
    public void afterProcess(ScriptEntry item, @Nullable EpisodeOutcome result) {
        if (result == null && item instanceof EpisodeScript script) {
            // Filtered by the processor: already narrated with the same fingerprint.
            record(
                    new EpisodeEvent(
                            Outcome.SKIPPED,
                            script.id(),
                            script.title(),
                            0,
                            Duration.ZERO,
                            null,
                            null,
                            script.source().toString()),
                    new ExecutionTally(0, 1, 0, 0, 0, TokenUsage.ZERO, null));
        }
    }

    @Override
    public void onProcessError(ScriptEntry item, Exception e) {
        if (item instanceof EpisodeScript script) {
            live.abandoned(script.id());
        }
    }

    @Override
    public void afterWrite(Chunk<? extends EpisodeOutcome> items) {
        for (EpisodeOutcome outcome : items) {
            record(event(outcome), tally(outcome));
        }
    }

    @Override
    public void onWriteError(Exception exception, Chunk<? extends EpisodeOutcome> items) {
        // The write threw (publishing failed): the tokens were still spent.
        for (EpisodeOutcome outcome : items) {
            ExecutionTally tokensOnly = tally(outcome);
            ExecutionTally spent = new ExecutionTally(0, 0, 0, 0, 0, tokensOnly.tokens(), tokensOnly.model());
            ExecutionTally.add(worker.getExecutionContext(), spent);
            BigDecimal cost = cost(spent);
            live.spentWithoutFinishing(outcome.episodeId(), spent, cost);
            source.spent(outcome.episodeId(), cost == null ? BigDecimal.ZERO : cost);
        }
    }

    private void record(EpisodeEvent event, ExecutionTally delta) {
        ExecutionTally.add(worker.getExecutionContext(), delta);
        live.finished(event, delta);
        BigDecimal cost = event.cost();
        source.spent(event.episodeId(), cost == null ? BigDecimal.ZERO : cost);
    }

    private EpisodeEvent event(EpisodeOutcome outcome) {
        if (outcome instanceof EpisodeOutcome.Narrated n) {
            return new EpisodeEvent(
                    Outcome.NARRATED,
                    n.episodeId(),
                    n.script().title(),
                    PcmFormat.durationMillis(n.audioBytes()),
                    Duration.between(n.startedAt(), n.finishedAt()),
                    cost(tally(n)),
                    null,
                    n.script().source().toString());
        }
        if (outcome instanceof EpisodeOutcome.Failed f) {
            return new EpisodeEvent(
                    Outcome.FAILED,
                    f.episodeId(),
                    f.script().title(),
                    0,
                    Duration.between(f.startedAt(), f.finishedAt()),
                    cost(tally(f)),
                    f.reason(),
                    f.script().source().toString());
        }
        EpisodeOutcome.Rejected r = (EpisodeOutcome.Rejected) outcome;
        return new EpisodeEvent(
                Outcome.INVALID,
                r.episodeId(),
                null,
                0,
                Duration.ZERO,
                null,
                r.invalid().reason(),
                r.invalid().source().toString());
    }

    private static ExecutionTally tally(EpisodeOutcome outcome) {
        if (outcome instanceof EpisodeOutcome.Narrated n) {
            return new ExecutionTally(1, 0, 0, 0, PcmFormat.durationMillis(n.audioBytes()), n.usage(), n.model());
        }
        if (outcome instanceof EpisodeOutcome.Failed f) {
            return new ExecutionTally(0, 0, 1, 0, 0, f.usage() == null ? TokenUsage.ZERO : f.usage(), f.model());
        }
        return new ExecutionTally(0, 0, 0, 1, 0, TokenUsage.ZERO, null);
    }

    private @Nullable BigDecimal cost(ExecutionTally tally) {
        return tally.model() == null
                ? null
                : prices.cost(tally.model(), tally.tokens()).usd();
    }
}
