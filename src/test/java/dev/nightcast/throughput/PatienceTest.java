package dev.nightcast.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;

/** How long a throttled call waits before it is made again, within its attempt's budget. */
class PatienceTest {

    private final FakeTime time = new FakeTime();
    private final ThroughputProperties settings = new ThroughputProperties(Duration.ofSeconds(10),
            Duration.ofMillis(500), Duration.ofSeconds(4));

    private static RealtimeException throttled(Duration retryAfter) {
        return new RealtimeException(FailureKind.TRANSIENT, "http_429", "episode e segment 0: handshake rejected",
                retryAfter, null);
    }

    @Test
    void waitsWhatTheServerAskedFor() {
        Patience patience = new Patience(settings, time, () -> 0.5);

        assertThat(patience.nextWait(throttled(Duration.ofSeconds(3)))).contains(Duration.ofSeconds(3));
    }

    @Test
    void withoutRetryAfterBacksOffExponentiallyWithFullJitterUpToTheCap() {
        Patience patience = new Patience(new ThroughputProperties(Duration.ofMinutes(10), Duration.ofMillis(500),
                Duration.ofSeconds(4)), time, () -> 1.0);

        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waits.add(patience.nextWait(throttled(null)).orElseThrow());
        }

        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(4));
    }

    @Test
    void jitterSpreadsTheWaitBelowTheCeiling() {
        Patience patience = new Patience(settings, time, () -> 0.25);

        assertThat(patience.nextWait(throttled(null))).contains(Duration.ofMillis(125));
    }

    @Test
    void noWaitIsGivenThatWouldEndBeyondTheBudget() {
        Patience patience = new Patience(settings, time, () -> 0.5);
        assertThat(patience.nextWait(throttled(Duration.ofSeconds(6)))).contains(Duration.ofSeconds(6));
        time.advance(Duration.ofSeconds(6));

        assertThat(patience.nextWait(throttled(Duration.ofSeconds(6)))).as("it would end at 12 s of 10").isEmpty();
        assertThat(patience.nextWait(throttled(Duration.ofSeconds(4)))).as("it ends at 10 s").isPresent();
        assertThat(patience.throttled()).isEqualTo(3);
    }
}
