/**
 * Keeps as much in flight at the Realtime gateway as it accepts, and no more:
 * {@link dev.nightcast.throughput.ThrottledGateway} decorates a
 * {@link dev.nightcast.realtime.RealtimeGateway} and its sessions, admits calls and adapts its
 * limit; the narrator retries what was throttled, within the throttle budget (see
 * {@code retry.RetryDecision}).
 *
 * <p>Inside: {@code Throttle} is the run's gate (sessions and responses in flight, pauses, start
 * pacing), {@code AdaptiveLimit} its arithmetic (decrease to what the server holds on a 429,
 * ×0.7 on throttling inside a session, +1 per round of successes), {@code StartPacer} spaces
 * starts for {@code max-requests-per-minute}, {@code QuotaReading} reads
 * {@code rate_limits.updated}. Static settings are {@link dev.nightcast.throughput.ThroughputProperties}
 * ({@code nightcast.throughput.*}).
 */
@NullMarked
package dev.nightcast.throughput;

import org.jspecify.annotations.NullMarked;
