/**
 * What follows a failed gateway call, decided in one place: {@link dev.nightcast.retry.RetryDecision}
 * is a pure table from a {@link dev.nightcast.retry.FailedCall} (the failure's
 * {@link dev.nightcast.realtime.FailureKind} and the counts so far) to a
 * {@link dev.nightcast.retry.NextStep} (retry after a wait, counted or not; split; give up; stop for
 * an outage or for the configuration), with the one back-off formula,
 * {@link dev.nightcast.retry.Backoff}. The run's {@link dev.nightcast.retry.OutageBreaker} judges
 * whether the gateway is down and whom a failure is to blame on, and is where every wait is spent.
 *
 * <p>Uses only {@code realtime}; the narrator carries the decisions out.
 */
@NullMarked
package dev.nightcast.retry;

import org.jspecify.annotations.NullMarked;
