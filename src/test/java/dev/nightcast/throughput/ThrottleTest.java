package dev.nightcast.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The gate's bookkeeping on a fake clock: nothing here sleeps, and nothing is timed. */
class ThrottleTest {

    private final FakeTime time = new FakeTime();

    private static void times(int n, ThrowingRunnable action) throws Exception {
        for (int i = 0; i < n; i++) {
            action.run();
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void admitsSessionsUpToTheLimitAndThenWaitsForOneToEnd() throws Exception {
        Throttle throttle = new Throttle(2, 0, time);

        times(2, throttle::enterSession);

        assertThatThrownBy(throttle::enterSession).isInstanceOf(FakeTime.WouldBlock.class);
        throttle.sessionEnded();
        throttle.enterSession();
        assertThat(throttle.sessions()).isEqualTo(2);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void hasRoomOnlyBelowTheCurrentLimit() throws Exception {
        Throttle throttle = new Throttle(4, 0, time);
        assertThat(throttle.hasRoom()).isTrue();

        times(3, throttle::enterSession);
        assertThat(throttle.hasRoom()).isTrue();
        throttle.sessionRefused(0, "http_429");

        assertThat(throttle.permits()).as("the server holds 2 of ours").isEqualTo(2);
        assertThat(throttle.hasRoom()).isFalse();
        throttle.sessionEnded();
        assertThat(throttle.hasRoom()).isTrue();
    }

    @Test
    void refusedHandshakesLowerTheLimitToTheSessionsTheServerHolds() throws Exception {
        Throttle throttle = new Throttle(8, 0, time);
        times(8, throttle::enterSession);

        times(5, () -> throttle.sessionRefused(0, "http_429"));

        assertThat(throttle.permits()).isEqualTo(3);
        assertThat(throttle.sessions()).isEqualTo(3);
        assertThatThrownBy(throttle::enterSession).isInstanceOf(FakeTime.WouldBlock.class);
    }

    @Test
    void aSessionOfOursThatEndsWhileAHandshakeIsRefusedStillCountsAsHeldByTheServer() throws Exception {
        Throttle throttle = new Throttle(8, 0, time);
        times(2, throttle::enterSession);
        long endedBefore = throttle.enterSession();

        // The server refuses the third while it holds the first two; the first ends before we hear of it.
        throttle.sessionEnded();
        throttle.sessionRefused(endedBefore, "http_429");

        assertThat(throttle.permits()).as("the quota, not the one left open").isEqualTo(2);
        assertThat(throttle.sessions()).isEqualTo(1);
    }

    @Test
    void responsesAreHeldBackAtOnceWhenTheLimitDropsBelowTheOpenSessions() throws Exception {
        Throttle throttle = new Throttle(10, 0, time);
        times(10, throttle::enterSession);
        long generation = throttle.enterResponse();
        times(9, throttle::enterResponse);

        throttle.responseThrottled(generation, "rate_limit_exceeded");
        throttle.responseThrottled(generation, "rate_limit_exceeded");

        assertThat(throttle.permits()).as("one cut for one overload").isEqualTo(7);
        assertThat(throttle.responses()).isEqualTo(8);
        assertThatThrownBy(throttle::enterResponse).isInstanceOf(FakeTime.WouldBlock.class);
        times(2, throttle::responseEnded);
        long later = throttle.enterResponse();
        throttle.responseThrottled(later, "rate_limit_exceeded");
        assertThat(throttle.permits()).as("a new overload cuts again").isEqualTo(4);
    }

    @Test
    void aSpentQuotaPausesEveryNewStartUntilItRefills() throws Exception {
        Throttle throttle = new Throttle(4, 0, time);
        throttle.enterSession();
        long generation = throttle.enterResponse();
        throttle.responseSucceeded();

        throttle.quotaExhausted(generation, Duration.ofSeconds(2), "tokens");
        throttle.enterResponse();

        assertThat(time.waits()).containsExactly(Duration.ofSeconds(2));
        assertThat(throttle.permits())
                .as("one was in flight when the quota ran out")
                .isEqualTo(1);
    }

    @Test
    void aLongerPauseIsNeverShortenedByALaterShorterOne() throws Exception {
        Throttle throttle = new Throttle(4, 0, time);

        throttle.quotaExhausted(0, Duration.ofSeconds(5), "tokens");
        throttle.quotaExhausted(0, Duration.ofSeconds(1), "requests");
        throttle.enterSession();

        assertThat(time.waits()).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void requestsPerMinuteSpaceEveryStartSessionsAndResponsesAlike() throws Exception {
        Throttle throttle = new Throttle(8, 60, time);

        throttle.enterSession();
        throttle.enterResponse();
        throttle.enterSession();

        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void successRaisesTheLimitOnlyWhileCallersWaitForRoom() throws Exception {
        FakeTime realWaits = new FakeTime().allowingUnboundedWaits();
        Throttle throttle = new Throttle(4, 0, realWaits);
        times(4, throttle::enterSession);
        throttle.sessionRefused(0, "http_429");
        times(3, throttle::enterResponse);
        times(3, throttle::responseSucceeded);
        assertThat(throttle.permits())
                .as("nobody waits: the limit does not bind")
                .isEqualTo(3);

        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                throttle.enterSession();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> throttle.waitingForSession() == 1);
        times(3, throttle::enterResponse);
        times(3, throttle::responseSucceeded);

        waiting.get(10, TimeUnit.SECONDS);
        assertThat(throttle.permits()).isEqualTo(4);
        assertThat(throttle.sessions()).isEqualTo(4);
    }
}
