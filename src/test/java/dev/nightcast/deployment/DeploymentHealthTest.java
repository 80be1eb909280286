package dev.nightcast.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;

/** One deployment's health: down after failures of its own, drained, probed, back; out for good on a refusal. */
class DeploymentHealthTest {

    private static final Duration PROBE_AFTER = Duration.ofSeconds(15);

    private final MovableClock clock = new MovableClock();
    private final DeploymentHealth health =
            new DeploymentHealth("east.example.com/gpt-realtime-mini", PROBE_AFTER, clock);

    private static RealtimeException transientFailure() {
        return new RealtimeException(FailureKind.TRANSIENT, "http_503", "HTTP 503 Service Unavailable");
    }

    @Test
    void threeConnectionFailuresInARowTakeItDownAndNoProbeGoesBeforeItsTime() {
        health.failed(transientFailure(), null, false);
        health.failed(transientFailure(), null, false);
        assertThat(health.isUp()).isTrue();

        health.failed(transientFailure(), null, false);

        assertThat(health.state()).isEqualTo(DeploymentHealth.State.DOWN);
        assertThat(health.claimProbe()).isFalse();
        clock.advance(PROBE_AFTER.minusMillis(1));
        assertThat(health.claimProbe()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(health.claimProbe()).as("the probe is due").isTrue();
        assertThat(health.claimProbe()).as("one probe at a time").isFalse();
    }

    @Test
    void oneEpisodesOwnFailuresMidResponseDoNotTakeItDown() {
        for (int i = 0; i < 5; i++) {
            health.failed(transientFailure(), "episode-1", false);
        }
        assertThat(health.isUp()).isTrue();

        health.failed(transientFailure(), "episode-2", false);

        assertThat(health.state()).isEqualTo(DeploymentHealth.State.DOWN);
    }

    @Test
    void aSuccessInBetweenStartsTheCountAgainAndThrottlingDoesNotCount() {
        health.failed(transientFailure(), null, false);
        health.failed(transientFailure(), null, false);
        health.succeeded();
        health.failed(transientFailure(), null, false);
        health.failed(new RealtimeException(FailureKind.THROTTLED, "http_429", "Too many sessions"), null, false);
        health.failed(transientFailure(), null, false);

        assertThat(health.isUp()).isTrue();
    }

    @Test
    void aFailedProbeKeepsItDownForAnotherIntervalAndASucceededOneBringsItBack() {
        downNow();
        clock.advance(PROBE_AFTER);
        assertThat(health.claimProbe()).isTrue();

        health.failed(transientFailure(), null, true);

        assertThat(health.state()).isEqualTo(DeploymentHealth.State.DOWN);
        assertThat(health.claimProbe()).isFalse();
        clock.advance(PROBE_AFTER);
        assertThat(health.claimProbe()).isTrue();
        health.succeeded();
        assertThat(health.isUp()).isTrue();
        assertThat(health.note()).isEqualTo("was down 1 time and answered again");
    }

    @Test
    void anAbandonedProbeLetsAnotherGoAtOnce() {
        downNow();
        clock.advance(PROBE_AFTER);
        assertThat(health.claimProbe()).isTrue();

        health.probeAbandoned();

        assertThat(health.claimProbe()).isTrue();
    }

    @Test
    void aThrottledProbeShowsTheDeploymentIsUp() {
        downNow();
        clock.advance(PROBE_AFTER);
        assertThat(health.claimProbe()).isTrue();

        health.failed(new RealtimeException(FailureKind.THROTTLED, "http_429", "Too many sessions"), null, true);

        assertThat(health.isUp()).isTrue();
    }

    @Test
    void aRefusedConfigurationTakesItOutForTheRunAndNothingBringsItBack() {
        health.refused(new RealtimeException(FailureKind.CONFIGURATION, "http_401", "HTTP 401: the key was refused"));

        assertThat(health.isOut()).isTrue();
        assertThat(health.note()).isEqualTo("refused the configuration: HTTP 401: the key was refused");
        health.succeeded();
        clock.advance(PROBE_AFTER.multipliedBy(10));
        assertThat(health.isOut()).isTrue();
        assertThat(health.claimProbe()).isFalse();
    }

    private void downNow() {
        for (int i = 0; i < DeploymentHealth.DOWN_AFTER; i++) {
            health.failed(transientFailure(), null, false);
        }
        assertThat(health.state()).isEqualTo(DeploymentHealth.State.DOWN);
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-12-05T21:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
