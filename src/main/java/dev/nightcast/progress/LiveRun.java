package dev.nightcast.progress;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.nightcast.budget.LimitReasons;
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
 *
 * <p>{@code max-cost} fills the budget: an episode whose estimate would pass it is left aside while
 * cheaper ones after it start, in input order. Left episodes are offered again once the queue is
 * empty ({@link #takeLeftThatFits}), when the estimates of the episodes that were in flight have
 * become what they really cost. What is still left when nothing is in flight ends the run
 * {@code STOPPED} with the list as its reason, and the next run continues with them.
 */
public final class LiveRun {

    private static final Logger log = LoggerFactory.getLogger(LiveRun.class);

    /** What a worker does with the entry it read. */
    public enum Admission {
        /** Narrate it (its estimate is reserved). */
        START,
        /** Leave it aside: it would pass {@code max-cost}; read the next. */
        LEAVE,
        /** Start nothing more: the deadline passed (or the budget cannot be priced). */
        STOP
    }

    /** An episode left aside at {@code max-cost}, with its estimate and why. */
    private record Left(EpisodeScript script, BigDecimal estimate) {}

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
    private final Map<String, Left> left = new LinkedHashMap<>();
    /** Episodes admitted and not yet ended: while any is, a left episode may still come to fit. */
    private final Set<String> inFlight = new HashSet<>();

    /**
     * @param model the gateway's model, for estimates before anything is reported
     * @param deadline no episode starts at or after it; {@code null} for none
     * @param alreadyDone whether an episode is published with the same fingerprint (it will be skipped
     *     and costs nothing); asked only when the budget would refuse it
     */
    public LiveRun(
            long executionId,
            int total,
            String model,
            RunLimits limits,
            @Nullable Instant deadline,
            PriceTable prices,
            UsageEstimate estimate,
            Clock clock,
            List<RunObserver> observers,
            Predicate<EpisodeScript> alreadyDone) {
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
     * {@link Admission#STOP}, it stays so for the rest of the run; an entry left aside
     * ({@link Admission#LEAVE}) may be taken later by {@link #takeLeftThatFits}.
     */
    public synchronized Admission admit(ScriptEntry entry) {
        checkDeadline();
        if (stopReason != null) {
            return Admission.STOP;
        }
        if (entry instanceof EpisodeScript script) {
            BigDecimal expected = estimate(script);
            Optional<String> refused = budget.reserve(script.id(), expected);
            // An episode already published will be skipped for free: only a real narration is left.
            if (refused.isPresent() && !alreadyDone.test(script)) {
                left.put(script.id(), new Left(script, expected));
                log.info(
                        "Run {}: {}; left for the next run, cheaper episodes after it go on",
                        executionId,
                        refused.get());
                return Admission.LEAVE;
            }
            inFlight.add(script.id());
        }
        return Admission.START;
    }

    /**
     * The first episode left at {@code max-cost} that fits now, in input order, its estimate reserved;
     * asked once the queue is empty. Empty when none fits or the run is stopping.
     */
    public synchronized Optional<ScriptEntry> takeLeftThatFits() {
        checkDeadline();
        if (stopReason != null) {
            return Optional.empty();
        }
        for (Left candidate : left.values()) {
            if (budget.reserve(candidate.script().id(), candidate.estimate()).isEmpty()) {
                left.remove(candidate.script().id());
                inFlight.add(candidate.script().id());
                log.info(
                        "Run {}: {} fits the budget now; starting it",
                        executionId,
                        candidate.script().id());
                return Optional.of(candidate.script());
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the worker asking, its queue empty and nothing left fitting, should end the run as
     * stopped at the limit: episodes are left and no other episode is in flight (one still in flight
     * could make room for them when it ends).
     */
    public synchronized boolean endsWithEpisodesLeft() {
        return !left.isEmpty() && inFlight.isEmpty();
    }

    /** The ids of the episodes left at {@code max-cost}, in input order. */
    public synchronized List<String> leftIds() {
        return List.copyOf(left.keySet());
    }

    /** The run's one {@code finish-by} instant, or {@code null} for none. */
    public @Nullable Instant deadline() {
        return deadline;
    }

    /**
     * What {@code entry} would reserve of {@code max-cost}: its estimate, or zero for one that costs
     * nothing (not an episode script, or one already published that will be skipped). A cluster's
     * manager queues entries with it, and the worker hosts reserve it as they claim them.
     */
    public BigDecimal reservationFor(ScriptEntry entry) {
        if (!(entry instanceof EpisodeScript script) || budget.max() == null || alreadyDone.test(script)) {
            return BigDecimal.ZERO;
        }
        return estimate(script);
    }

    private BigDecimal estimate(EpisodeScript script) {
        BigDecimal expected = prices.cost(model, estimate.of(script).tokens()).usd();
        return expected == null ? BigDecimal.ZERO : expected;
    }

    private void checkDeadline() {
        if (stopReason == null && deadline != null && !clock.instant().isBefore(deadline)) {
            stop(LimitReasons.finishByReached(deadline, ZoneId.systemDefault()));
        }
    }

    /** An entry ended; {@code delta} is what it adds to the tally, {@code cost} what its usage cost. */
    public synchronized void finished(EpisodeEvent event, ExecutionTally delta) {
        ended(event.episodeId());
        if (event.outcome() == EpisodeEvent.Outcome.SKIPPED) {
            budget.release(event.episodeId());
        } else {
            budget.settle(event.episodeId(), event.cost() == null ? BigDecimal.ZERO : event.cost());
        }
        tally = tally.plus(delta);
        RunProgress progress = progress();
        observers.forEach(observer -> observer.episodeFinished(event, progress));
    }

    /**
     * What the whole execution has done, as another process counted it: a cluster's manager narrates
     * nothing itself, so it follows its worker hosts' tallies (saved with every episode they commit)
     * and its observers show their progress, spend and time left as one process would. Observers hear
     * of it only when it changed.
     */
    public synchronized void follow(ExecutionTally total) {
        if (total.equals(tally)) {
            return;
        }
        tally = total;
        RunProgress progress = progress();
        observers.forEach(observer -> observer.runProgressed(progress));
    }

    /** Tokens were spent on an episode that then did not finish (its write threw). */
    public synchronized void spentWithoutFinishing(String episodeId, ExecutionTally delta, @Nullable BigDecimal cost) {
        ended(episodeId);
        budget.settle(episodeId, cost == null ? BigDecimal.ZERO : cost);
        tally = tally.plus(delta);
    }

    /** The entry's processing threw; it spent nothing we know of. */
    public synchronized void abandoned(String episodeId) {
        ended(episodeId);
        budget.release(episodeId);
    }

    /** Counts an admitted entry out of flight, once (its end may be reported more than one way). */
    private void ended(String episodeId) {
        inFlight.remove(episodeId);
    }

    /**
     * Why the run stopped starting episodes: the deadline, or the episodes left at {@code max-cost}
     * (named, with their estimates), or empty.
     */
    public synchronized Optional<String> stopReason() {
        String leftReason = leftReason();
        if (stopReason == null) {
            return Optional.ofNullable(leftReason);
        }
        return Optional.of(leftReason == null ? stopReason : stopReason + "; " + leftReason);
    }

    private @Nullable String leftReason() {
        BigDecimal max = budget.max();
        if (left.isEmpty() || max == null) {
            return null;
        }
        return LimitReasons.leftAtMaxCost(
                max,
                budget.spent(),
                left.values().stream()
                        .map(episode ->
                                new LimitReasons.LeftEpisode(episode.script().id(), episode.estimate()))
                        .toList());
    }

    public synchronized void ended() {
        RunProgress progress = progress();
        observers.forEach(observer -> observer.runEnded(progress));
    }

    synchronized RunProgress progress() {
        BigDecimal cost = tally.model() == null
                ? BigDecimal.ZERO
                : prices.cost(tally.model(), tally.tokens()).usd();
        return new RunProgress(
                total,
                tally.narrated(),
                tally.skipped(),
                tally.failed(),
                tally.invalid(),
                tally.audioMillis(),
                cost,
                Duration.between(started, clock.instant()));
    }

    private void stop(String reason) {
        stopReason = reason;
        log.warn("Run {}: {}; no new episode starts, those in flight finish", executionId, reason);
        RunProgress progress = progress();
        observers.forEach(observer -> observer.runStopping(reason, progress));
    }
}
