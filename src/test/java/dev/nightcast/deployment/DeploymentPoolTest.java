package dev.nightcast.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.nightcast.gateway.GatewayProperties;
import dev.nightcast.gateway.RealtimeGatewayFactory;
import dev.nightcast.realtime.AudioSink;
import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.RealtimeGateway;
import dev.nightcast.realtime.RealtimeSession;
import dev.nightcast.realtime.SegmentRequest;
import dev.nightcast.realtime.SegmentResult;
import dev.nightcast.realtime.SessionSettings;
import dev.nightcast.simulator.Fault;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;

/**
 * The pool over two real deployments (simulators on ports of their own, reached through the
 * production Azure client): where sessions go, a deployment that goes down and comes back, one that
 * refuses the configuration.
 */
class DeploymentPoolTest {

    /** Long enough for the drained checks to come first even on a busy machine. */
    private static final Duration PROBE_AFTER = Duration.ofSeconds(3);

    private static final SessionSettings ALLOY = new SessionSettings("alloy", "Read the script.");

    private final ScriptedSimulator east = ScriptedSimulator.start(SimulatorSettings.fast(), 2);
    private final ScriptedSimulator west = ScriptedSimulator.start(SimulatorSettings.fast(), 2);
    private final RealtimeGatewayFactory factory = new RealtimeGatewayFactory(new GatewayProperties(
            null,
            null,
            null,
            null,
            List.of(
                    new GatewayProperties.Deployment(east.baseUrl(), null, "east-key", null, null),
                    new GatewayProperties.Deployment(west.baseUrl(), null, "west-key", null, null)),
            PROBE_AFTER));
    private final List<RealtimeSession> open = new ArrayList<>();

    @AfterEach
    void close() {
        open.forEach(RealtimeSession::close);
        factory.close();
        east.close();
        west.close();
    }

    private static String name(ScriptedSimulator simulator) {
        return simulator.baseUrl().replace("http://", "") + "/gpt-realtime-mini";
    }

    private RealtimeSession session(DeploymentPool pool) throws RealtimeException {
        RealtimeSession session = pool.open(ALLOY);
        open.add(session);
        return session;
    }

    @Test
    void sessionsGoToTheLeastLoadedDeploymentWithRoomAndTheModelIsTheRunsNotADeploymentsName() throws Exception {
        DeploymentPool pool = factory.pool(4, 0);

        List<String> where = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            where.add(session(pool).deployment());
        }

        // The pool starts at a random one of equals (see the next test), then alternates by load.
        assertThat(where).containsOnly(name(east), name(west));
        assertThat(where.get(1)).isNotEqualTo(where.get(0));
        assertThat(where.subList(2, 4)).isEqualTo(where.subList(0, 2));
        assertThat(pool.model()).isEqualTo("gpt-realtime-mini");
        assertThat(east.peakSessions()).isEqualTo(2);
        assertThat(west.peakSessions()).isEqualTo(2);
    }

    @Test
    void poolsOfSeveralHostsStartOnDifferentDeploymentsSoTheirFirstSessionsDoNotAllMeetOneQuota() throws Exception {
        List<DeploymentPool.Member> members = List.of(
                new DeploymentPool.Member(new InstantGateway("a"), null, 1),
                new DeploymentPool.Member(new InstantGateway("b"), null, 1),
                new DeploymentPool.Member(new InstantGateway("c"), null, 1));

        List<String> firstOfEachHost = new ArrayList<>();
        for (int host = 0; host < 3; host++) {
            DeploymentPool pool = new DeploymentPool(
                    "gpt-realtime-mini", members, 4, 0, PROBE_AFTER, java.time.Clock.systemUTC(), host);
            firstOfEachHost.add(session(pool).deployment());
        }
        DeploymentPool fromC =
                new DeploymentPool("gpt-realtime-mini", members, 4, 0, PROBE_AFTER, java.time.Clock.systemUTC(), 2);
        List<String> fromCsPreference = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fromCsPreference.add(session(fromC).deployment());
        }

        assertThat(firstOfEachHost).containsExactly("a", "b", "c");
        assertThat(fromCsPreference).containsExactly("c", "a", "b", "c");
    }

    /** A deployment that opens sessions at once and never narrates: only where sessions go matters here. */
    private record InstantGateway(String deployment) implements RealtimeGateway {

        @Override
        public RealtimeSession open(SessionSettings settings) {
            return new RealtimeSession() {
                @Override
                public SegmentResult narrate(SegmentRequest request, AudioSink sink) {
                    throw new UnsupportedOperationException("only opened in this test");
                }

                @Override
                public boolean isUsable() {
                    return true;
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public String model() {
            return "gpt-realtime-mini";
        }
    }

    @Test
    void aDeploymentThatGoesDownIsDrainedAndOneProbeBringsItBackOnceItAnswers() throws Exception {
        DeploymentPool pool = factory.pool(2, 0, 0);
        east.startOutage(Fault.serviceUnavailable());

        for (int i = 0; i < DeploymentHealth.DOWN_AFTER; i++) {
            assertThatThrownBy(() -> session(pool)).isInstanceOfSatisfying(RealtimeException.class, e -> {
                assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
                assertThat(e.deployment()).isEqualTo(name(east));
            });
        }
        assertThat(pool.health(name(east)).state()).isEqualTo(DeploymentHealth.State.DOWN);
        int eastHandshakes = east.connections();
        RealtimeSession onWest = session(pool);
        assertThat(onWest.deployment()).isEqualTo(name(west));
        onWest.close();
        await().until(() -> west.activeSessions() == 0);
        assertThat(session(pool).deployment())
                .as("drained: no new session before the probe is due")
                .isEqualTo(name(west));
        assertThat(east.connections()).isEqualTo(eastHandshakes);

        east.endOutage();
        Thread.sleep(PROBE_AFTER.toMillis() + 100); // the probe falls due
        RealtimeSession probe = session(pool);
        assertThat(probe.deployment()).isEqualTo(name(east));
        assertThat(pool.health(name(east)).state())
                .as("open, but not yet answered")
                .isEqualTo(DeploymentHealth.State.DOWN);
        probe.narrate(new SegmentRequest("ep", 0, 1, "The probe reads this.", "Read."), pcm -> {});

        assertThat(pool.health(name(east)).isUp()).isTrue();
    }

    @Test
    void aDeploymentThatRefusesTheConfigurationIsOutAndTheCallerMayTryTheOther() throws Exception {
        DeploymentPool pool = factory.pool(2, 0, 0);
        east.startOutage(Fault.unauthorized());

        assertThatThrownBy(() -> session(pool)).isInstanceOfSatisfying(RealtimeException.class, e -> {
            assertThat(e.kind())
                    .as("not the run's end: another deployment is there")
                    .isEqualTo(FailureKind.TRANSIENT);
            assertThat(e.code()).isEqualTo("http_401");
            assertThat(e.getMessage())
                    .contains("deployment " + name(east) + " refused the configuration and is out" + " of this run")
                    .doesNotContain("east-key");
        });
        assertThat(session(pool).deployment()).isEqualTo(name(west));
        assertThat(pool.standings()).extracting(DeploymentPool.Standing::state).containsExactly("OUT", "UP");

        west.startOutage(Fault.forbidden());
        open.forEach(RealtimeSession::close);
        await().until(() -> west.activeSessions() == 0);
        assertThatThrownBy(() -> session(pool)).isInstanceOfSatisfying(RealtimeException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.CONFIGURATION);
            assertThat(e.getMessage())
                    .contains(
                            "every deployment refused the configuration",
                            name(east),
                            name(west),
                            "HTTP 401",
                            "HTTP 403");
        });
    }
}
