package dev.nightcast.retry;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.nightcast.realtime.FailureKind;

/**
 * A failed gateway call of one segment, with the counts so far: all that {@link RetryDecision}
 * decides on. The caller measures time and draws the jitter, so the decision reads no clock and no
 * random source.
 *
 * @param kind what the failure was
 * @param retryAfter the wait the server asked for, or null
 * @param blame whom the run's {@link OutageBreaker} blames, once told of this failure
 * @param outage whether the breaker has tripped, by this failure or before
 * @param attempt the counted attempt that failed: 1 for the first of the segment's reading
 * @param maxAttempts counted attempts one reading may use ({@code max-attempts})
 * @param gatewayFailures the segment's earlier calls that failed by the gateway's fault (not counted)
 * @param throttledCalls this attempt's earlier throttled calls (not counted)
 * @param attemptTime how long this attempt has lasted, its throttled calls and their waits included
 * @param splittable whether the segment can be narrated as shorter parts
 * @param jitter uniform in [0, 1): where the back-off falls below its ceiling
 */
public record FailedCall(
        FailureKind kind,
        @Nullable Duration retryAfter,
        OutageBreaker.Blame blame,
        boolean outage,
        int attempt,
        int maxAttempts,
        int gatewayFailures,
        int throttledCalls,
        Duration attemptTime,
        boolean splittable,
        double jitter) {}
