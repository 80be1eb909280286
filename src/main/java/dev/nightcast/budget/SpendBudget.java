package dev.nightcast.budget;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The {@code max-cost} of one run: spend reported by the gateway plus what episodes in flight are
 * expected to cost. An episode may start only while that sum plus its own estimate stays within the
 * cap; one that <em>would</em> pass it is refused (the run leaves it and tries cheaper ones). When an episode
 * ends, its estimate is replaced by the cost of the usage the gateway reported. Not thread-safe:
 * {@link dev.nightcast.progress.LiveRun} serialises the calls.
 */
public final class SpendBudget {

    private final @Nullable BigDecimal max;
    private final Map<String, BigDecimal> inFlight = new HashMap<>();
    private BigDecimal spent = BigDecimal.ZERO;

    /** @param max the cap in USD, or {@code null} for none */
    public SpendBudget(@Nullable BigDecimal max) {
        this.max = max;
    }

    /**
     * Reserves {@code estimate} for {@code episodeId}, or says why it may not start.
     */
    public Optional<String> reserve(String episodeId, BigDecimal estimate) {
        if (max == null) {
            return Optional.empty();
        }
        BigDecimal committed = spent.add(inFlightTotal());
        if (committed.add(estimate).compareTo(max) > 0) {
            return Optional.of(String.format(
                    "max-cost %s reached: spent %s%s, the next episode (%s, about %s) " + "would pass it",
                    money(max),
                    money(spent),
                    inFlight.isEmpty() ? "" : " with " + money(inFlightTotal()) + " expected in flight",
                    episodeId,
                    money(estimate)));
        }
        inFlight.put(episodeId, estimate);
        return Optional.empty();
    }

    /** The episode ended; {@code actual} is what its reported usage cost. */
    public void settle(String episodeId, BigDecimal actual) {
        inFlight.remove(episodeId);
        spent = spent.add(actual);
    }

    /** The episode ended without spending (skipped as done, or its processing threw). */
    public void release(String episodeId) {
        inFlight.remove(episodeId);
    }

    /** What the usage reported so far cost. */
    public BigDecimal spent() {
        return spent;
    }

    /** The cap, or {@code null} for none. */
    public @Nullable BigDecimal max() {
        return max;
    }

    private BigDecimal inFlightTotal() {
        return inFlight.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static String money(BigDecimal usd) {
        return Cost.format(usd);
    }
}
