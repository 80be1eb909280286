package dev.nightcast.narration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;

class OutageBreakerTest {

    private static RealtimeException unavailable(String episode) {
        return new RealtimeException(FailureKind.TRANSIENT, "http_503",
                "episode " + episode + " segment 1 attempt 1: handshake rejected with HTTP 503");
    }

    private static RealtimeException throttled(String episode) {
        return new RealtimeException(FailureKind.TRANSIENT, "http_429",
                "episode " + episode + " segment 1 attempt 1: handshake rejected with HTTP 429", Duration.ofSeconds(1),
                null);
    }

    private static RealtimeException unauthorized() {
        return new RealtimeException(FailureKind.PERMANENT, "http_401", "handshake rejected with HTTP 401");
    }

    @Test
    void tripsAfterTheThresholdOfConsecutiveTransientFailuresAcrossEpisodes() {
        OutageBreaker breaker = new OutageBreaker(4);

        breaker.failed("a", unavailable("a"));
        breaker.failed("b", unavailable("b"));
        breaker.failed("a", unavailable("a"));
        assertThat(breaker.isTripped()).isFalse();
        breaker.failed("b", unavailable("b"));

        assertThat(breaker.isTripped()).isTrue();
        assertThat(breaker.message()).contains("looks down", "4 gateway attempts in a row", "across 2 episodes",
                "episode b segment 1 attempt 1: handshake rejected with HTTP 503", "Run the same params again");
        assertThatThrownBy(breaker::checkClosed).isInstanceOf(GatewayOutageException.class);
    }

    @Test
    void oneEpisodeFailingAloneIsThatEpisodesProblemNotAnOutage() {
        OutageBreaker breaker = new OutageBreaker(3);

        for (int i = 0; i < 10; i++) {
            breaker.failed("alone", unavailable("alone"));
        }

        assertThat(breaker.isTripped()).isFalse();
        breaker.failed("next", unavailable("next"));
        assertThat(breaker.isTripped()).as("the streak now spans two episodes").isTrue();
    }

    @Test
    void aSuccessAnywhereStartsTheCountAgain() {
        OutageBreaker breaker = new OutageBreaker(3);
        breaker.failed("a", unavailable("a"));
        breaker.failed("b", unavailable("b"));

        breaker.succeeded();
        breaker.failed("a", unavailable("a"));
        breaker.failed("b", unavailable("b"));

        assertThat(breaker.isTripped()).isFalse();
        breaker.checkClosed();
    }

    @Test
    void anEpisodeOutOfAttemptsWhileOthersFailTooIsLeftToTheOutageNotFailed() {
        OutageBreaker breaker = new OutageBreaker(10);
        for (int i = 0; i < 4; i++) {
            breaker.failed("a", unavailable("a"));
        }
        breaker.failed("b", unavailable("b"));

        assertThat(breaker.retriesRanOut("a")).isTrue();
        assertThat(breaker.isTripped()).isTrue();
        assertThat(breaker.message()).contains("5 gateway attempts in a row", "across 2 episodes");
    }

    @Test
    void anEpisodeOutOfAttemptsOnItsOwnOrAfterASuccessElsewhereHasFailed() {
        OutageBreaker alone = new OutageBreaker(10);
        for (int i = 0; i < 8; i++) {
            alone.failed("a", unavailable("a"));
        }
        OutageBreaker recovered = new OutageBreaker(10);
        for (int i = 0; i < 4; i++) {
            recovered.failed("a", unavailable("a"));
            recovered.failed("b", unavailable("b"));
        }
        recovered.succeeded();

        assertThat(alone.retriesRanOut("a")).as("one episode alone").isFalse();
        assertThat(recovered.retriesRanOut("a")).as("the gateway answered since").isFalse();
        assertThat(alone.isTripped()).isFalse();
        assertThat(recovered.isTripped()).isFalse();
    }

    @Test
    void aShortStreakDoesNotBlameTheOutage() {
        OutageBreaker breaker = new OutageBreaker(10);
        breaker.failed("a", unavailable("a"));
        breaker.failed("a", unavailable("a"));
        breaker.failed("b", unavailable("b"));

        assertThat(breaker.retriesRanOut("a")).as("3 failures are less than half the threshold").isFalse();
    }

    @Test
    void permanentFailuresAndExpiredSessionsDoNotCount() {
        OutageBreaker breaker = new OutageBreaker(2);

        breaker.failed("a", unauthorized());
        breaker.failed("b", unauthorized());
        breaker.failed("a", new RealtimeException(FailureKind.TRANSIENT, "session_expired", "maximum duration"));
        breaker.failed("b", new RealtimeException(FailureKind.TRANSIENT, "session_expired", "maximum duration"));

        assertThat(breaker.isTripped()).isFalse();
    }

    @Test
    void theMessageQuotesOnlyTheLastThreeErrors() {
        OutageBreaker breaker = new OutageBreaker(5);
        for (String episode : new String[] {"e1", "e2", "e3", "e4", "e5"}) {
            breaker.failed(episode, unavailable(episode));
        }

        assertThat(breaker.message()).contains("episode e3 ", "episode e4 ", "episode e5 ")
                .doesNotContain("episode e1 ", "episode e2 ");
    }

    @Test
    void throttlingAloneNeverTripsItButNeitherDoesItHideAnOutageAroundIt() {
        OutageBreaker breaker = new OutageBreaker(4);

        for (int i = 0; i < 20; i++) {
            breaker.failed("e" + (i % 4), throttled("e" + (i % 4)));
        }
        assertThat(breaker.isTripped()).as("a throttling gateway is up").isFalse();
        assertThat(breaker.retriesRanOut("e1")).isFalse();

        breaker.failed("a", unavailable("a"));
        breaker.failed("b", throttled("b"));
        breaker.failed("b", unavailable("b"));
        breaker.failed("a", throttled("a"));
        breaker.failed("a", unavailable("a"));
        assertThat(breaker.isTripped()).isFalse();
        breaker.failed("b", unavailable("b"));

        assertThat(breaker.isTripped()).as("429s among the 503s do not reset the streak").isTrue();
        assertThat(breaker.message()).contains("4 gateway attempts in a row").doesNotContain("HTTP 429");
    }

    @Test
    void aRunNeedsTwoFailuresPerWorkerBeforeItTrips() {
        NarrationProperties settings = new NarrationProperties(250, Duration.ofMillis(350), Duration.ofMillis(700),
                Duration.ofMillis(1200), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(30), 10, null);

        assertThat(OutageBreaker.forRun(settings, 2).threshold()).isEqualTo(10);
        assertThat(OutageBreaker.forRun(settings, 16).threshold())
                .as("a blip can fail all 16 workers at once").isEqualTo(32);
    }

    @Test
    void aBackOffEndsAtOnceWhenTheBreakerTrips() throws Exception {
        OutageBreaker breaker = new OutageBreaker(2);
        CompletableFuture<Throwable> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                breaker.pause(Duration.ofHours(1));
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });

        breaker.failed("a", unavailable("a"));
        breaker.failed("b", unavailable("b"));

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isInstanceOf(GatewayOutageException.class);
    }

    @Test
    void aRefusedConfigurationTripsItAtOnceWithAMessageThatSaysWhatToFix() {
        // given
        OutageBreaker breaker = new OutageBreaker(10);

        // when: one answer that no retry and no other episode can change
        breaker.failed("a", new RealtimeException(FailureKind.CONFIGURATION, "http_404",
                "episode a segment 1 attempt 1: handshake rejected with HTTP 404 - check AZURE_OPENAI_DEPLOYMENT_NAME"));

        // then
        assertThat(breaker.isTripped()).isTrue();
        assertThat(breaker.configurationRefused()).isTrue();
        assertThat(breaker.message()).contains("refused the configuration", "AZURE_OPENAI_DEPLOYMENT_NAME",
                "No episode was marked failed", "run the same params again").doesNotContain("looks down");
        assertThatThrownBy(breaker::checkClosed).isInstanceOf(GatewayOutageException.class);
    }
}
