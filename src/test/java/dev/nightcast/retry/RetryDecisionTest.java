package dev.nightcast.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.nightcast.realtime.FailureKind;
import dev.nightcast.retry.OutageBreaker.Blame;

/**
 * The retry decision as a table: one row per situation, and what follows, as the call's log line
 * words it. Back-off after failures 1 s doubling to 30 s with equal jitter; after throttling 500 ms
 * doubling to 4 s with full jitter; a throttle budget of 10 s per attempt; an outage window of 60 s
 * (so retries while the gateway fails wait at most 15 s). Every draw of the jitter is 0.5.
 */
class RetryDecisionTest {

    private static final RetryDecision DECISION = new RetryDecision(
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)),
            new Backoff(Duration.ofMillis(500), Duration.ofSeconds(4)),
            Duration.ofSeconds(10),
            Duration.ofSeconds(60));

    @ParameterizedTest(
            name = "{0} Retry-After={1} blame={2} outage={3} attempt {4}/{5} gateway failures={6}"
                    + " throttled={7} attempt time={8}s splittable={9}: {10}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        # kind         |Retry-After ms|blame  |outage|attempt|max|gateway failures|throttled|attempt s|splittable|what follows
        # The gateway refused the configuration: no episode can succeed, none is to blame.
        CONFIGURATION  | -    | GATEWAY | true  | 1 | 3 | 0 | 0 | 0 | true  | stop the run (the gateway refused the configuration)
        CONFIGURATION  | -    | GATEWAY | false | 3 | 3 | 0 | 0 | 0 | true  | stop the run (the gateway refused the configuration)
        # The episode's own failure fails it, even while the gateway is down.
        PERMANENT      | -    | EPISODE | false | 1 | 3 | 0 | 0 | 0 | true  | give up (permanent)
        PERMANENT      | 1000 | EPISODE | true  | 1 | 3 | 0 | 0 | 0 | true  | give up (permanent)
        # Cut at the cap: shorter parts, unless the segment is too short to cut.
        OUTPUT_CAP     | -    | EPISODE | false | 1 | 3 | 0 | 0 | 0 | true  | split the segment
        OUTPUT_CAP     | -    | EPISODE | false | 1 | 3 | 0 | 0 | 0 | false | give up (permanent)
        OUTPUT_CAP     | -    | EPISODE | true  | 1 | 3 | 0 | 0 | 0 | true  | split the segment
        # Once the breaker tripped, no further call.
        TRANSIENT      | -    | GATEWAY | true  | 1 | 3 | 0 | 0 | 0 | true  | stop (gateway outage)
        TRANSIENT      | -    | EPISODE | true  | 3 | 3 | 0 | 0 | 0 | true  | stop (gateway outage)
        THROTTLED      | 1000 | EPISODE | true  | 1 | 3 | 0 | 0 | 0 | true  | stop (gateway outage)
        SESSION_EXPIRED| -    | EPISODE | true  | 1 | 3 | 0 | 0 | 0 | true  | stop (gateway outage)
        # Throttled within the budget: the server's wait, or a doubling back-off with full jitter; not counted.
        THROTTLED      | 1000 | EPISODE | false | 1 | 3 | 0 | 0 | 0 | true  | retry in 1000 ms (Retry-After), not counted against max-attempts
        THROTTLED      | -    | EPISODE | false | 1 | 3 | 0 | 0 | 0 | true  | retry in 250 ms, not counted against max-attempts
        THROTTLED      | -    | EPISODE | false | 1 | 3 | 0 | 1 | 0 | true  | retry in 500 ms, not counted against max-attempts
        THROTTLED      | -    | EPISODE | false | 1 | 3 | 0 | 5 | 0 | true  | retry in 2000 ms, not counted against max-attempts
        THROTTLED      | 1000 | EPISODE | false | 3 | 3 | 0 | 0 | 0 | true  | retry in 1000 ms (Retry-After), not counted against max-attempts
        THROTTLED      | 4000 | EPISODE | false | 1 | 3 | 0 | 2 | 6 | true  | retry in 4000 ms (Retry-After), not counted against max-attempts
        # Throttled beyond the budget (6 s waited + 6 s asked > 10 s): a failed attempt like any transient one.
        THROTTLED      | 6000 | EPISODE | false | 1 | 3 | 0 | 2 | 6 | true  | retry in 6000 ms (Retry-After)
        THROTTLED      | 100  | EPISODE | false | 2 | 3 | 0 | 9 | 10| true  | retry in 1500 ms
        THROTTLED      | 6000 | EPISODE | false | 3 | 3 | 0 | 2 | 6 | true  | give up (3 attempts used)
        THROTTLED      | 6000 | GATEWAY | false | 1 | 3 | 0 | 2 | 6 | true  | retry in 6000 ms (Retry-After)
        # Transient, and the gateway's failure (while connecting, or while other episodes fail too): not counted,
        # the back-off growing with the segment's failures, capped at a quarter of the outage window.
        TRANSIENT      | -    | GATEWAY | false | 1 | 3 | 0 | 0 | 0 | true  | retry in 750 ms, not counted against max-attempts (the gateway is failing, not the episode)
        TRANSIENT      | -    | GATEWAY | false | 3 | 3 | 0 | 0 | 0 | true  | retry in 3000 ms, not counted against max-attempts (the gateway is failing, not the episode)
        TRANSIENT      | -    | GATEWAY | false | 1 | 3 | 2 | 0 | 0 | true  | retry in 3000 ms, not counted against max-attempts (the gateway is failing, not the episode)
        TRANSIENT      | -    | GATEWAY | false | 1 | 3 | 9 | 0 | 0 | true  | retry in 11250 ms, not counted against max-attempts (the gateway is failing, not the episode)
        TRANSIENT      | 20000| GATEWAY | false | 1 | 3 | 9 | 0 | 0 | true  | retry in 20000 ms (Retry-After), not counted against max-attempts (the gateway is failing, not the episode)
        # Transient, and the episode's: counted, with a doubling back-off and equal jitter; Retry-After is a floor.
        TRANSIENT      | -    | EPISODE | false | 1 | 3 | 0 | 0 | 0 | true  | retry in 750 ms
        TRANSIENT      | -    | EPISODE | false | 2 | 3 | 0 | 0 | 0 | true  | retry in 1500 ms
        TRANSIENT      | -    | EPISODE | false | 2 | 3 | 5 | 4 | 0 | true  | retry in 1500 ms
        TRANSIENT      | -    | EPISODE | false | 9 | 10| 0 | 0 | 0 | true  | retry in 22500 ms
        TRANSIENT      | 7000 | EPISODE | false | 1 | 3 | 0 | 0 | 0 | true  | retry in 7000 ms (Retry-After)
        TRANSIENT      | 2000 | EPISODE | false | 6 | 10| 0 | 0 | 0 | true  | retry in 22500 ms
        TRANSIENT      | -    | EPISODE | false | 3 | 3 | 0 | 0 | 0 | true  | give up (3 attempts used)
        TRANSIENT      | 1000 | EPISODE | false | 1 | 1 | 0 | 0 | 0 | true  | give up (1 attempts used)
        # A session at its maximum duration: reconnect at once, counted.
        SESSION_EXPIRED| -    | EPISODE | false | 1 | 3 | 0 | 0 | 0 | true  | retry in 0 ms
        SESSION_EXPIRED| 5000 | GATEWAY | false | 2 | 3 | 0 | 0 | 0 | true  | retry in 0 ms
        SESSION_EXPIRED| -    | EPISODE | false | 3 | 3 | 0 | 0 | 0 | true  | give up (3 attempts used)
        """)
    void whatFollowsAFailedCall(
            FailureKind kind,
            Long retryAfterMillis,
            Blame blame,
            boolean outage,
            int attempt,
            int maxAttempts,
            int gatewayFailures,
            int throttledCalls,
            int attemptSeconds,
            boolean splittable,
            String next) {
        FailedCall call = new FailedCall(
                kind,
                retryAfterMillis == null ? null : Duration.ofMillis(retryAfterMillis),
                blame,
                outage,
                attempt,
                maxAttempts,
                gatewayFailures,
                throttledCalls,
                Duration.ofSeconds(attemptSeconds),
                splittable,
                0.5);

        assertThat(DECISION.next(call).describe()).isEqualTo(next);
    }
}
