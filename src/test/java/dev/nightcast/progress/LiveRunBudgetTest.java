package dev.nightcast.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.nightcast.budget.PriceTable;
import dev.nightcast.budget.RunLimits;
import dev.nightcast.budget.UsageEstimate;
import dev.nightcast.progress.LiveRun.Admission;
import dev.nightcast.report.ExecutionTally;
import dev.nightcast.script.EpisodeScript;
import dev.nightcast.script.SourceLocation;

/** max-cost fills the budget: what does not fit is left, cheaper ones go on, and what was left may fit later. */
class LiveRunBudgetTest {

    private static final String MODEL = "gpt-realtime-mini";
    private final UsageEstimate estimate = new UsageEstimate(250);

    private static EpisodeScript episode(String id, int words) {
        return new EpisodeScript(id, id, "alloy", "", "word ".repeat(words), new SourceLocation(Path.of("in.csv"), 2));
    }

    private BigDecimal cost(EpisodeScript script) {
        return PriceTable.standard().cost(MODEL, estimate.of(script).tokens()).usd();
    }

    private LiveRun run(BigDecimal maxCost) {
        return new LiveRun(
                1,
                4,
                MODEL,
                new RunLimits(maxCost, null),
                null,
                PriceTable.standard(),
                estimate,
                Clock.systemUTC(),
                List.of(),
                script -> false);
    }

    private static EpisodeEvent narrated(String id, BigDecimal cost) {
        return new EpisodeEvent(EpisodeEvent.Outcome.NARRATED, id, id, 1_000, Duration.ZERO, cost, null, "in.csv:2");
    }

    @Test
    void anEpisodeThatWouldPassTheCapIsLeftAndACheaperOneAfterItStarts() {
        EpisodeScript small = episode("small", 100);
        EpisodeScript big = episode("big", 2_000);
        EpisodeScript after = episode("after", 100);
        LiveRun live = run(cost(small).multiply(new BigDecimal("2.5")));

        assertThat(live.admit(small)).isEqualTo(Admission.START);
        assertThat(live.admit(big)).isEqualTo(Admission.LEAVE);
        assertThat(live.admit(after)).isEqualTo(Admission.START);

        assertThat(live.leftIds()).containsExactly("big");
        assertThat(live.stopReason())
                .hasValueSatisfying(reason -> assertThat(reason)
                        .startsWith("max-cost $")
                        .contains("left 1 episode that would pass it: big (about $"));
        assertThat(live.endsWithEpisodesLeft())
                .as("two episodes still in flight")
                .isFalse();
    }

    @Test
    void aLeftEpisodeIsTakenOnceTheEpisodesInFlightCostLessThanTheirEstimates() {
        // given a cap of three estimates, two in flight, and a third of twice the size left
        EpisodeScript one = episode("one", 200);
        EpisodeScript two = episode("two", 200);
        EpisodeScript twice = episode("twice", 400);
        LiveRun live = run(cost(one).multiply(new BigDecimal("3")));
        live.admit(one);
        live.admit(two);
        assertThat(live.admit(twice)).isEqualTo(Admission.LEAVE);
        assertThat(live.takeLeftThatFits()).isEmpty();

        // when both finish at a tenth of what was expected
        BigDecimal tenth = cost(one).divide(BigDecimal.TEN);
        live.finished(narrated("one", tenth), ExecutionTally.EMPTY);
        live.finished(narrated("two", tenth), ExecutionTally.EMPTY);

        // then the left episode fits and is taken, and nothing is left
        assertThat(live.takeLeftThatFits()).contains(twice);
        assertThat(live.leftIds()).isEmpty();
        assertThat(live.stopReason()).isEmpty();
    }

    @Test
    void withEpisodesLeftAndNothingInFlightTheRunEndsAtItsLimit() {
        EpisodeScript small = episode("small", 100);
        EpisodeScript big = episode("big", 5_000);
        LiveRun live = run(cost(small).multiply(new BigDecimal("1.5")));
        live.admit(small);
        live.admit(big);
        assertThat(live.endsWithEpisodesLeft()).isFalse();

        live.finished(narrated("small", cost(small)), ExecutionTally.EMPTY);

        assertThat(live.takeLeftThatFits()).isEmpty();
        assertThat(live.endsWithEpisodesLeft()).isTrue();
    }
}
