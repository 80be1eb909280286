package dev.nightcast.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class SpendBudgetTest {

    @Test
    void anEpisodeStartsOnlyWhileSpendPlusInFlightPlusItsEstimateStaysWithinTheCap() {
        SpendBudget budget = new SpendBudget(new BigDecimal("1.00"));

        assertThat(budget.reserve("a", new BigDecimal("0.40"))).isEmpty();
        assertThat(budget.reserve("b", new BigDecimal("0.40"))).isEmpty();
        assertThat(budget.reserve("c", new BigDecimal("0.40")))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .isEqualTo("max-cost $1.00 reached: spent $0.0000 with $0.8000 expected in flight, the next "
                                + "episode (c, about $0.4000) would pass it"));
    }

    @Test
    void whenAnEpisodeEndsItsReportedCostReplacesItsEstimate() {
        SpendBudget budget = new SpendBudget(new BigDecimal("1.00"));
        budget.reserve("a", new BigDecimal("0.90"));

        budget.settle("a", new BigDecimal("0.30"));

        assertThat(budget.spent()).isEqualByComparingTo("0.30");
        assertThat(budget.reserve("b", new BigDecimal("0.70"))).isEmpty();
        assertThat(budget.reserve("c", new BigDecimal("0.01"))).isPresent();
    }

    @Test
    void anEpisodeThatSpentNothingGivesItsReservationBack() {
        SpendBudget budget = new SpendBudget(new BigDecimal("0.50"));
        budget.reserve("done-already", new BigDecimal("0.50"));

        budget.release("done-already");

        assertThat(budget.spent()).isZero();
        assertThat(budget.reserve("next", new BigDecimal("0.50"))).isEmpty();
    }

    @Test
    void withoutACapEverythingMayStart() {
        SpendBudget budget = new SpendBudget(null);

        assertThat(budget.reserve("a", new BigDecimal("1000"))).isEmpty();
    }
}
