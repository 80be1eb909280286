package dev.nightcast.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;

class PatienceTest {

    private final FakeTime time = new FakeTime();
    private final ThroughputProperties settings = new ThroughputProperties(Duration.ofSeconds(10),
            Duration.ofMillis(500), Duration.ofSeconds(4));

    private static RealtimeException throttled(Duration retryAfter) {
        return new RealtimeException(FailureKind.TRANSIENT, "http_429", "episode e segment 0: handshake rejected",
                retryAfter, null);
    }

    @Test
    void waitsWhatTheServerAskedFor() throws Exception {
        Patience patience = new Patience(settings, time, () -> 0.5);

        patience.waitAfter(throttled(Duration.ofSeconds(3)));

        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void withoutRetryAfterBacksOffExponentiallyWithFullJitterUpToTheCap() throws Exception {
        Patience patience = new Patience(new ThroughputProperties(Duration.ofMinutes(10), Duration.ofMillis(500),
                Duration.ofSeconds(4)), time, () -> 1.0);

        for (int i = 0; i < 5; i++) {
            patience.waitAfter(throttled(null));
        }

        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(4));
    }

    @Test
    void jitterSpreadsTheWaitBelowTheCeiling() throws Exception {
        Patience patience = new Patience(settings, time, () -> 0.25);

        patience.waitAfter(throttled(null));

        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(125));
    }

    @Test
    void onceTheBudgetWouldBeExceededTheThrottlingGoesToTheCaller() throws Exception {
        Patience patience = new Patience(settings, time, () -> 0.5);
        patience.waitAfter(throttled(Duration.ofSeconds(6)));
        RealtimeException again = throttled(Duration.ofSeconds(6));

        assertThatThrownBy(() -> patience.waitAfter(again)).isSameAs(again);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(6));
        assertThat(patience.throttled()).isEqualTo(2);
    }
}
