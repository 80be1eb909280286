package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.nightcast.store.EpisodeClaims;

/** The manager's reason for a cluster's run that ended with entries left: a limit, in one process's words, or none. */
class ClusterLimitReasonTest {

    private static final Instant DEADLINE = Instant.parse("2026-12-06T06:30:00Z");

    private static EpisodeClaims.LimitStanding standing(
            BigDecimal max, Instant deadline, boolean passed, String spent, EpisodeClaims.Left... left) {
        return new EpisodeClaims.LimitStanding(max, deadline, passed, new BigDecimal(spent), List.of(left));
    }

    @Test
    void aPassedDeadlineWithEntriesLeftIsFinishByReached() {
        assertThat(ClusterLimitReason.of(
                        standing(null, DEADLINE, true, "0", new EpisodeClaims.Left("a", BigDecimal.ONE)),
                        ZoneOffset.UTC))
                .hasValue("finish-by 06:30 reached");
    }

    @Test
    void entriesLeftThatEachWouldPassTheBudgetAreNamedWithTheirEstimates() {
        assertThat(ClusterLimitReason.of(
                        standing(
                                new BigDecimal("5"),
                                null,
                                false,
                                "4.5",
                                new EpisodeClaims.Left("long", new BigDecimal("2")),
                                new EpisodeClaims.Left("longer", new BigDecimal("3"))),
                        ZoneOffset.UTC))
                .hasValue(
                        "max-cost $5.00 reached: spent $4.50; left 2 episodes that would pass it: long (about $2.00), "
                                + "longer (about $3.00) (about $5.00 in all)");
    }

    @Test
    void entriesLeftThatWouldFitOrNoneLeftAreNoLimitStop() {
        // A stop or hosts that left, not the budget: an entry left still fits, or costs nothing.
        assertThat(ClusterLimitReason.of(
                        standing(
                                new BigDecimal("5"),
                                null,
                                false,
                                "1",
                                new EpisodeClaims.Left("long", new BigDecimal("9")),
                                new EpisodeClaims.Left("fits", new BigDecimal("2"))),
                        ZoneOffset.UTC))
                .isEmpty();
        assertThat(ClusterLimitReason.of(
                        standing(
                                new BigDecimal("5"), null, false, "5", new EpisodeClaims.Left("free", BigDecimal.ZERO)),
                        ZoneOffset.UTC))
                .isEmpty();
        assertThat(ClusterLimitReason.of(standing(new BigDecimal("5"), DEADLINE, true, "5"), ZoneOffset.UTC))
                .isEmpty();
        assertThat(ClusterLimitReason.of(
                        standing(null, DEADLINE, false, "0", new EpisodeClaims.Left("a", BigDecimal.ONE)),
                        ZoneOffset.UTC))
                .isEmpty();
    }
}
