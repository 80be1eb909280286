package dev.nightcast.progress;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.nightcast.budget.PriceTable;
import dev.nightcast.budget.RunLimits;
import dev.nightcast.budget.SpendBudget;
import dev.nightcast.budget.UsageEstimate;
import dev.nightcast.report.ExecutionTally;
import dev.nightcast.script.EpisodeScript;
import dev.nightcast.script.ScriptEntry;

/**
 * One job execution as it runs, in memory: what is done, what was spent, and whether another
 * episode may start ({@code max-cost}, {@code finish-by}). Thread-safe: every worker reports here,
 * and observers hear of each event in order.
 */
public final class LiveRun {

    private static final Logger log = LoggerFactory.getLogger(LiveRun.class);

    private final long executionId;
    private final int total;
    private final String model;
    private final PriceTable prices;
    private final UsageEstimate estimate;
    private final SpendBudget budget;
    private final @Nullable Instant deadline;
    private final Clock clock;
    private final Instant started;
    private final List<RunObserver> observers;
    private final Predicate<EpisodeScript> alreadyDone;
    private ExecutionTally tally = ExecutionTally.EMPTY;
    private @Nullable String stopReason;

    /**
     * @param model the gateway's model, for estimates before anything is reported
     * @param deadline no episode starts at or after it; {@code null} for none
     * @param alreadyDone whether an episode is published with the same fingerprint (it will be skipped
     *     and costs nothing); asked only when the budget would refuse it
     */
    public LiveRun(long executionId, int total, String model, RunLimits limits, @Nullable Instant deadline,
            PriceTable prices,
            UsageEstimate estimate, Clock clock, List<RunObserver> observers, Predicate<EpisodeScript> alreadyDone) {
        this.executionId = executionId;
        this.total = total;
        this.model = model;
        this.prices = prices;
        this.estimate = estimate;
        this.budget = new SpendBudget(limits.maxCost());
        this.deadline = deadline;
        this.clock = clock;
        this.started = clock.instant();
        this.observers = observers;
        this.alreadyDone = alreadyDone;
        if (limits.maxCost() != null && prices.lookup(model).isEmpty()) {
            // Preflight reports this as a usage error; a caller that skipped it must not spend blindly.
            stopReason = "max-cost is set but model '" + model + "' has no price (nightcast.pricing.models)";
        }
    }

    long executionId() {
        return executionId;
    }

    public synchronized void started() {
        observers.forEach(observer -> observer.runStarted(executionId, total, this::progress));
    }

    /**
     * Whether {@code entry} may start, reserving its estimated cost when it may. Once the answer is
     * no, it stays no for the rest of the run.
     *
     * @return the reason to stop, or empty to go ahead
     */
    public synchronized Optional<String> mayStart(ScriptEntry entry) {
        if (stopReason == null && deadline != null && !clock.instant().isBefore(deadline)) {
            stop("finish-by " + LocalTime.ofInstant(deadline, ZoneId.systemDefault())
                    .format(DateTimeFormatter.ofPattern("HH:mm")) + " reached");
        }
        if (stopReason == null && entry instanceof EpisodeScript script) {
            BigDecimal expected = prices.cost(model, estimate.of(script).tokens()).usd();
            Optional<String> refused = budget.reserve(script.id(), expected == null ? BigDecimal.ZERO : expected);
            // An episode already published will be skipped for free: only a real narration stops the run.
            if (refused.isPresent() && !alreadyDone.test(script)) {
                stop(refused.get());
            }
        }
        return Optional.ofNullable(stopReason);
    }

    /** An entry ended; {@code delta} is what it adds to the tally, {@code cost} what its usage cost. */
    public synchronized void finished(EpisodeEvent event, ExecutionTally delta) {
        if (event.outcome() == EpisodeEvent.Outcome.SKIPPED) {
            budget.release(event.episodeId());
        } else {
            budget.settle(event.episodeId(), event.cost() == null ? BigDecimal.ZERO : event.cost());
        }
        tally = tally.plus(delta);
        RunProgress progress = progress();
        observers.forEach(observer -> observer.episodeFinished(event, progress));
    }

    /** Tokens were spent on an episode that then did not finish (its write threw). */
    public synchronized void spentWithoutFinishing(String episodeId, ExecutionTally delta, @Nullable BigDecimal cost) {
        budget.settle(episodeId, cost == null ? BigDecimal.ZERO : cost);
        tally = tally.plus(delta);
    }

    /** The entry's processing threw; it spent nothing we know of. */
    public synchronized void abandoned(String episodeId) {
        budget.release(episodeId);
    }

    public synchronized Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    public synchronized void ended() {
        RunProgress progress = progress();
        observers.forEach(observer -> observer.runEnded(progress));
    }

    synchronized RunProgress progress() {
        BigDecimal cost = tally.model() == null ? BigDecimal.ZERO : prices.cost(tally.model(), tally.tokens()).usd();
        return new RunProgress(total, tally.narrated(), tally.skipped(), tally.failed(), tally.invalid(),
                tally.audioMillis(), cost, Duration.between(started, clock.instant()));
    }

    private void stop(String reason) {
        stopReason = reason;
        log.warn("Run {}: {}; no new episode starts, those in flight finish", executionId, reason);
        RunProgress progress = progress();
        observers.forEach(observer -> observer.runStopping(reason, progress));
    }
}
