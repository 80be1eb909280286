package dev.nightcast.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.retry.OutageBreaker.Blame;

/** The breaker judged by count and by time, on a clock that only moves when the test says so. */
class OutageBreakerTest {

    private static final Duration WINDOW = Duration.ofSeconds(60);

    private final StepClock clock = new StepClock();

    private OutageBreaker breaker(int threshold) {
        return new OutageBreaker(threshold, WINDOW, clock);
    }

    private static RealtimeException unavailable(String episode) {
        return new RealtimeException(
                FailureKind.TRANSIENT,
                "http_503",
                "episode " + episode + " segment 1 attempt 1: handshake rejected with HTTP 503");
    }

    private static RealtimeException dropped(String episode) {
        return new RealtimeException(
                FailureKind.TRANSIENT,
                "network",
                "episode " + episode + " segment 1 attempt 1: connection failed (EOFException)");
    }

    private static RealtimeException throttled(String episode) {
        return new RealtimeException(
                FailureKind.THROTTLED,
                "http_429",
                "episode " + episode + " segment 1 attempt 1: handshake rejected with HTTP 429",
                Duration.ofSeconds(1),
                null);
    }

    /** Mid-response failures of episodes a and b in turn, {@code every} apart, {@code times} in all. */
    private static void alternate(OutageBreaker breaker, StepClock clock, int times, Duration every) {
        for (int i = 0; i < times; i++) {
            breaker.failed(i % 2 == 0 ? "a" : "b", dropped(i % 2 == 0 ? "a" : "b"), false);
            clock.advance(every);
        }
    }

    @Test
    void aBurstOfFailuresAcrossEpisodesWithinTheWindowIsABlipNotAnOutage() {
        // given
        OutageBreaker breaker = breaker(4);

        // when: 40 failures in 40 s, as every worker retrying through a short refusal makes
        alternate(breaker, clock, 40, Duration.ofSeconds(1));

        // then
        assertThat(breaker.isTripped()).isFalse();
        breaker.checkClosed();
    }

    @Test
    void failuresAcrossEpisodesThatSpanTheWindowWithoutASuccessAreAnOutage() {
        OutageBreaker breaker = breaker(4);
        alternate(breaker, clock, 12, Duration.ofSeconds(5));
        assertThat(breaker.isTripped()).as("55 s so far").isFalse();

        breaker.failed("a", unavailable("a"), true);

        assertThat(breaker.isTripped()).isTrue();
        assertThat(breaker.message())
                .contains(
                        "looks down",
                        "13 gateway attempts in a row",
                        "across 2 episodes",
                        "for 60 s",
                        "episode a segment 1 attempt 1: handshake rejected with HTTP 503",
                        "Run the same params again");
        assertThatThrownBy(breaker::checkClosed).isInstanceOf(GatewayOutageException.class);
    }

    @Test
    void twoFailuresFarApartAreNotEnoughToCallItAnOutage() {
        OutageBreaker breaker = breaker(4);

        breaker.failed("a", dropped("a"), false);
        clock.advance(Duration.ofMinutes(5));
        breaker.failed("b", dropped("b"), false);

        assertThat(breaker.isTripped()).isFalse();
    }

    @Test
    void anEpisodeFailingAloneMidResponseIsThatEpisodesProblemHoweverLong() {
        OutageBreaker breaker = breaker(3);

        for (int i = 0; i < 10; i++) {
            assertThat(breaker.failed("alone", dropped("alone"), false)).isEqualTo(Blame.EPISODE);
            clock.advance(Duration.ofSeconds(30));
        }

        assertThat(breaker.isTripped()).isFalse();
    }

    @Test
    void aFailureMidResponseIsTheGatewaysOnceAnotherEpisodeFailsToo() {
        OutageBreaker breaker = breaker(10);

        Blame first = breaker.failed("a", dropped("a"), false);
        Blame second = breaker.failed("b", dropped("b"), false);
        Blame third = breaker.failed("a", dropped("a"), false);

        assertThat(first).isEqualTo(Blame.EPISODE);
        assertThat(second).isEqualTo(Blame.GATEWAY);
        assertThat(third).isEqualTo(Blame.GATEWAY);
    }

    @Test
    void aFailureWhileConnectingIsNeverTheEpisodesAndEndsTheRunOnceItSpansTheWindowEvenWithOneWorker() {
        // given: one worker, one episode, a gateway refusing connections
        OutageBreaker breaker = breaker(4);

        // when / then: every refused connection is the gateway's, and it stops the run only after the window
        for (int i = 0; i < 6; i++) {
            assertThat(breaker.failed("only", unavailable("only"), true)).isEqualTo(Blame.GATEWAY);
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(breaker.isTripped()).as("50 s so far").isFalse();
        breaker.failed("only", unavailable("only"), true);

        assertThat(breaker.isTripped()).isTrue();
        assertThat(breaker.message()).contains("7 gateway attempts in a row", "across 1 episode", "for 60 s");
    }

    @Test
    void aSuccessAnywhereStartsTheCountAndTheClockAgain() {
        OutageBreaker breaker = breaker(3);
        alternate(breaker, clock, 6, Duration.ofSeconds(10));

        breaker.succeeded();
        Blame afterSuccess = breaker.failed("a", dropped("a"), false);
        clock.advance(Duration.ofSeconds(59));
        breaker.failed("b", dropped("b"), false);
        breaker.failed("a", dropped("a"), false);

        assertThat(afterSuccess).isEqualTo(Blame.EPISODE);
        assertThat(breaker.isTripped()).as("the new streak is 59 s long").isFalse();
    }

    @Test
    void permanentFailuresCutsAtTheCapAndExpiredSessionsDoNotCount() {
        OutageBreaker breaker = breaker(2);

        for (int i = 0; i < 3; i++) {
            breaker.failed("a", new RealtimeException(FailureKind.PERMANENT, "content_filter", "filtered"), false);
            breaker.failed(
                    "b",
                    new RealtimeException(FailureKind.SESSION_EXPIRED, "session_expired", "maximum duration"),
                    false);
            breaker.failed("c", new RealtimeException(FailureKind.OUTPUT_CAP, "max_output_tokens", "too long"), false);
            clock.advance(WINDOW);
        }

        assertThat(breaker.isTripped()).isFalse();
    }

    @Test
    void theMessageQuotesOnlyTheLastThreeErrors() {
        OutageBreaker breaker = breaker(5);
        for (String episode : new String[] {"e1", "e2", "e3", "e4", "e5"}) {
            breaker.failed(episode, unavailable(episode), true);
            clock.advance(Duration.ofSeconds(15));
        }

        assertThat(breaker.isTripped()).isTrue();
        assertThat(breaker.message())
                .contains("episode e3 ", "episode e4 ", "episode e5 ")
                .doesNotContain("episode e1 ", "episode e2 ");
    }

    @Test
    void throttlingAloneNeverTripsItButNeitherDoesItHideAnOutageAroundIt() {
        OutageBreaker breaker = breaker(4);

        for (int i = 0; i < 20; i++) {
            breaker.failed("e" + (i % 4), throttled("e" + (i % 4)), true);
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(breaker.isTripped()).as("a throttling gateway is up").isFalse();

        breaker.failed("a", unavailable("a"), true);
        breaker.failed("b", throttled("b"), true);
        breaker.failed("b", unavailable("b"), true);
        clock.advance(WINDOW);
        breaker.failed("a", throttled("a"), true);
        breaker.failed("a", unavailable("a"), true);
        assertThat(breaker.isTripped()).isFalse();
        breaker.failed("b", unavailable("b"), true);

        assertThat(breaker.isTripped())
                .as("429s among the 503s do not reset the streak")
                .isTrue();
        assertThat(breaker.message()).contains("4 gateway attempts in a row").doesNotContain("HTTP 429");
    }

    @Test
    void aRunNeedsTwoFailuresPerWorkerAndTheConfiguredWindowBeforeItTrips() {
        OutageSettings settings = new Settings(10, Duration.ofSeconds(45));

        assertThat(OutageBreaker.forRun(settings, 2, clock).threshold()).isEqualTo(10);
        assertThat(OutageBreaker.forRun(settings, 16, clock).threshold())
                .as("a blip can fail all 16 workers at once")
                .isEqualTo(32);
        assertThat(OutageBreaker.forRun(settings, 2, clock).window()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void aBackOffEndsAtOnceWhenTheBreakerTrips() throws Exception {
        OutageBreaker breaker = breaker(2);
        CompletableFuture<Throwable> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                breaker.pause(Duration.ofHours(1));
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });

        breaker.failed("a", unavailable("a"), true);
        clock.advance(WINDOW);
        breaker.failed("b", unavailable("b"), true);

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isInstanceOf(GatewayOutageException.class);
    }

    @Test
    void aRefusedConfigurationTripsItAtOnceWithAMessageThatSaysWhatToFix() {
        // given
        OutageBreaker breaker = breaker(10);

        // when: one answer that no retry and no other episode can change
        Blame blame = breaker.failed(
                "a",
                new RealtimeException(
                        FailureKind.CONFIGURATION,
                        "http_404",
                        "episode a segment 1 attempt 1: handshake rejected with HTTP 404 - check AZURE_OPENAI_DEPLOYMENT_NAME"),
                true);

        // then
        assertThat(blame).isEqualTo(Blame.GATEWAY);
        assertThat(breaker.isTripped()).isTrue();
        assertThat(breaker.configurationRefused()).isTrue();
        assertThat(breaker.message())
                .contains(
                        "refused the configuration",
                        "AZURE_OPENAI_DEPLOYMENT_NAME",
                        "No episode was marked failed",
                        "run the same params again")
                .doesNotContain("looks down");
        assertThatThrownBy(breaker::checkClosed).isInstanceOf(GatewayOutageException.class);
    }

    private record Settings(int outageThreshold, Duration outageWindow) implements OutageSettings {}

    /** Time that moves only when told to. */
    static final class StepClock extends Clock {

        private volatile Instant now = Instant.parse("2026-11-20T22:00:00Z");

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
