package dev.nightcast.job;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import dev.nightcast.budget.LimitReasons;
import dev.nightcast.store.EpisodeClaims;

/**
 * Why a cluster's run stopped at its limits, read from the claim table as the manager ends it, in the
 * words of one process ({@link LimitReasons}): its {@code finish-by} passed with entries left, or every
 * entry left would pass {@code max-cost} (named, with their estimates). Empty when entries are left for
 * another reason (a stop, a failure): then the run did not stop at a limit.
 */
final class ClusterLimitReason {

    private ClusterLimitReason() {}

    static Optional<String> of(EpisodeClaims.LimitStanding standing, ZoneId zone) {
        List<EpisodeClaims.Left> left = standing.left();
        if (left.isEmpty()) {
            return Optional.empty();
        }
        Instant deadline = standing.deadline();
        if (deadline != null && standing.deadlinePassed()) {
            return Optional.of(LimitReasons.finishByReached(deadline, zone));
        }
        BigDecimal max = standing.maxCost();
        if (max == null) {
            return Optional.empty();
        }
        BigDecimal room = max.subtract(standing.spent());
        boolean noneFits = left.stream()
                .allMatch(entry ->
                        entry.estimate().signum() > 0 && entry.estimate().compareTo(room) > 0);
        if (!noneFits) {
            return Optional.empty();
        }
        return Optional.of(LimitReasons.leftAtMaxCost(
                max,
                standing.spent(),
                left.stream()
                        .map(entry -> new LimitReasons.LeftEpisode(entry.entryId(), entry.estimate()))
                        .toList()));
    }
}
