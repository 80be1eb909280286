package dev.nightcast.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.nightcast.budget.PriceTable;
import dev.nightcast.budget.RunLimits;
import dev.nightcast.budget.UsageEstimate;
import dev.nightcast.realtime.TokenUsage;
import dev.nightcast.report.ExecutionTally;

/** A cluster manager's live run follows the tallies its worker hosts saved, priced as one process prices its own. */
class LiveRunFollowTest {

    private static final String MODEL = "gpt-realtime-mini";

    @Test
    void theObserversHearOfTheFollowedTotalsOnlyWhenTheyChange() {
        // given
        List<RunProgress> heard = new ArrayList<>();
        RunObserver observer = new RunObserver() {
            @Override
            public void runProgressed(RunProgress progress) {
                heard.add(progress);
            }
        };
        LiveRun run = new LiveRun(
                1,
                6,
                MODEL,
                new RunLimits(null, null),
                null,
                PriceTable.standard(),
                new UsageEstimate(250),
                Clock.systemUTC(),
                List.of(observer),
                script -> false);
        TokenUsage tokens = new TokenUsage(1_000, 8_000, 1_000, 0, 1_000, 7_000);
        ExecutionTally two = new ExecutionTally(2, 0, 1, 0, 120_000, tokens, MODEL);

        // when: the same totals twice, then more
        run.follow(two);
        run.follow(two);
        run.follow(two.plus(new ExecutionTally(1, 0, 0, 0, 60_000, tokens, MODEL)));

        // then
        assertThat(heard).hasSize(2);
        assertThat(heard.get(0).done()).isEqualTo(3);
        assertThat(heard.get(0).failed()).isEqualTo(1);
        assertThat(heard.get(0).cost())
                .isEqualByComparingTo(PriceTable.standard().cost(MODEL, tokens).usd());
        assertThat(heard.get(1).narrated()).isEqualTo(3);
        assertThat(heard.get(1).audioMillis()).isEqualTo(180_000);
        assertThat(heard.get(1).cost()).isPositive().isGreaterThan(heard.get(0).cost());
        assertThat(run.progress().done()).isEqualTo(4);
    }
}
