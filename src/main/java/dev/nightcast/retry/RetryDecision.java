package dev.nightcast.retry;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.nightcast.realtime.FailureKind;
import dev.nightcast.retry.NextStep.Counting;
import dev.nightcast.retry.NextStep.GiveUp;
import dev.nightcast.retry.NextStep.Retry;

/**
 * What follows a failed gateway call: the one place that decides it. Pure: a {@link FailedCall} in,
 * a {@link NextStep} out, no I/O, no clock, no random source. The rules, in order:
 *
 * <ol>
 * <li>the gateway refused the configuration: stop the run;
 * <li>a permanent failure: give up (the episode fails);
 * <li>cut at the output token cap: split the segment, or give up when it is too short to split;
 * <li>the outage breaker has tripped: stop for the outage;
 * <li>throttled: retry after the server's {@code Retry-After}, else a back-off with full jitter,
 *     without counting, as long as the attempt's {@code throttleBudget} lasts; beyond it the
 *     throttling is a failed attempt like any transient failure (below);
 * <li>a transient failure the breaker blames on the gateway: retry without counting, after a back-off
 *     that grows with the segment's failures and is capped at a quarter of the outage window, so an
 *     outage is judged soon after the window and a recovery soon after it happens;
 * <li>the reading's attempts are used up: give up;
 * <li>the session expired (as sessions do): retry at once;
 * <li>otherwise: retry after the back-off with equal jitter.
 * </ol>
 *
 * A server's {@code Retry-After} is a floor for every back-off after a failure: earlier would only be
 * refused again.
 *
 * @param failures the back-off after a failure ({@code nightcast.narration.*-backoff})
 * @param throttling the back-off after a throttled call without {@code Retry-After}
 *     ({@code nightcast.throughput.*-backoff})
 * @param throttleBudget how long one attempt may go on through throttling before it counts
 * @param outageWindow the outage breaker's window
 */
public record RetryDecision(Backoff failures, Backoff throttling, Duration throttleBudget, Duration outageWindow) {

    public NextStep next(FailedCall call) {
        switch (call.kind()) {
            case CONFIGURATION:
                return new NextStep.StopForConfiguration();
            case PERMANENT:
                return GiveUp.permanent();
            case OUTPUT_CAP:
                return call.splittable() ? new NextStep.Split() : GiveUp.permanent();
            default:
                break;
        }
        if (call.outage()) {
            return new NextStep.StopForOutage();
        }
        if (call.kind() == FailureKind.THROTTLED) {
            Duration wait = call.retryAfter() != null
                    ? call.retryAfter()
                    : throttling.fullJitter(call.throttledCalls() + 1, call.jitter());
            if (call.attemptTime().plus(wait).compareTo(throttleBudget) <= 0) {
                return new Retry(wait, Counting.THROTTLED, call.retryAfter() != null);
            }
        }
        if (call.kind() == FailureKind.TRANSIENT && call.blame() == OutageBreaker.Blame.GATEWAY) {
            return retry(
                    failures.equalJitter(
                            call.attempt() + call.gatewayFailures(), call.jitter(), outageWindow.dividedBy(4)),
                    call.retryAfter(),
                    Counting.GATEWAYS_FAULT);
        }
        if (call.attempt() >= call.maxAttempts()) {
            return GiveUp.attemptsUsed(call.maxAttempts());
        }
        if (call.kind() == FailureKind.SESSION_EXPIRED) {
            return new Retry(Duration.ZERO, Counting.COUNTED, false);
        }
        return retry(
                failures.equalJitter(call.attempt(), call.jitter(), failures.max()),
                call.retryAfter(),
                Counting.COUNTED);
    }

    private static Retry retry(Duration backoff, @Nullable Duration retryAfter, Counting counting) {
        if (retryAfter != null && retryAfter.compareTo(backoff) > 0) {
            return new Retry(retryAfter, counting, true);
        }
        return new Retry(backoff, counting, backoff.equals(retryAfter));
    }
}
