package dev.nightcast.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.nightcast.realtime.TokenUsage;

/** What a cluster manager reported is kept apart from the workers' tallies, and what came after it is the difference. */
class ExecutionTallyTest {

    private static final TokenUsage TOKENS = new TokenUsage(100, 800, 100, 0, 100, 700);

    @Test
    void aReportedTallyIsReadBackAndWhatCameAfterItIsTheDifference() {
        // given: a manager's context that holds the tally it reported, next to an unrelated count
        ExecutionContext context = new ExecutionContext();
        context.putInt(ExecutionTally.ENTRIES, 10);
        ExecutionTally reported = new ExecutionTally(3, 1, 0, 0, 180_000, TOKENS, "gpt-realtime-mini");
        assertThat(ExecutionTally.reported(context))
                .as("one process reports none")
                .isEmpty();

        // when
        ExecutionTally.writeReported(context, reported);
        ExecutionTally last = new ExecutionTally(7, 1, 1, 0, 420_000, TOKENS.plus(TOKENS), "gpt-realtime-mini");

        // then
        assertThat(ExecutionTally.reported(context)).contains(reported);
        assertThat(ExecutionTally.read(context)).as("not a worker's tally").isEqualTo(ExecutionTally.EMPTY);
        assertThat(last.minus(reported))
                .isEqualTo(new ExecutionTally(4, 0, 1, 0, 240_000, TOKENS, "gpt-realtime-mini"));
    }

    @Test
    void aContinuationCountsWhatTheContinuedExecutionNarratedOnceNotAlsoAsSkipped() {
        ExecutionTally own = new ExecutionTally(1, 9, 0, 0, 60_000, TOKENS, "gpt-realtime-mini");
        ExecutionTally taken = new ExecutionTally(6, 2, 1, 0, 360_000, TOKENS, null);

        assertThat(own.continuing(taken))
                .isEqualTo(new ExecutionTally(7, 3, 0, 0, 420_000, TOKENS.plus(TOKENS), "gpt-realtime-mini"));
    }
}
