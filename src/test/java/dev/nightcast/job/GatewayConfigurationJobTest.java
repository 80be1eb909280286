package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.test.system.CapturedOutput;

import dev.nightcast.run.ExitCodes;
import dev.nightcast.run.RunResult;
import dev.nightcast.simulator.Fault;

/**
 * A gateway that says "your configuration is wrong" (a wrong key, no access, no such deployment, the
 * old protocol) stops the run at its first answer: no episode is marked failed, the exit code is 64
 * with one message that says what to fix, and the next run after the fix continues normally.
 */
class GatewayConfigurationJobTest extends FaultInjectionJobTestBase {

    private static final List<String> EPISODES = List.of("cfg-1", "cfg-2", "cfg-3", "cfg-4", "cfg-5", "cfg-6");
    private static final int CONCURRENCY = 2;

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(Fault.unauthorized(), "HTTP 401", "AZURE_OPENAI_API_KEY"),
                Arguments.of(Fault.forbidden(), "HTTP 403", "network rules"),
                Arguments.of(Fault.deploymentNotFound(), "HTTP 404", "AZURE_OPENAI_DEPLOYMENT_NAME"),
                Arguments.of(Fault.betaProtocolOnly(), "session.type", "old beta"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("refusals")
    void aGatewayRefusingTheConfigurationStopsTheRunAtOnceWithExit64AndNoFailedEpisodeAndTheNextRunContinues(
            Fault.OnHandshake refusal, String answer, String whatToFix, CapturedOutput log) throws Exception {
        // given: every handshake is refused the same way, as a wrong setting is
        Path csv = write(
                "config.csv",
                "episode_id,script\n"
                        + EPISODES.stream()
                                .map(id -> id + ",Episode " + id + " waits for a working configuration.")
                                .collect(Collectors.joining("\n"))
                        + "\n");
        SIMULATOR.startOutage(refusal);
        int handshakesBefore = SIMULATOR.connections();

        // when
        RunResult refused = run(params(csv, "concurrency", Integer.toString(CONCURRENCY)));

        // then: stopped at the first answers, nothing blamed on the episodes
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(refused.execution().getExitStatus().getExitCode()).isEqualTo("GATEWAY_CONFIGURATION");
        assertThat(SIMULATOR.connections() - handshakesBefore)
                .as("one handshake per worker, not one per episode")
                .isBetween(1, CONCURRENCY);
        assertThat(episodeRows()).as("no episode marked failed").isZero();
        assertThat(refused.summary().failed()).isZero();
        assertThat(refused.summary().stopReason())
                .contains(answer, whatToFix, "No episode was marked failed", "run the same params again");
        assertThat(new ObjectMapper()
                        .readTree(output().resolve("runs")
                                .resolve(refused.execution().getId() + ".json")
                                .toFile())
                        .path("stopReason")
                        .asText())
                .as("the summary is written once the exit status is settled")
                .contains(answer, whatToFix);
        assertThat(log.getAll()).contains(whatToFix).doesNotContain(FAKE_KEY);
        assertNothingPartialFor(EPISODES.toArray(String[]::new));

        // when: the configuration is fixed
        SIMULATOR.endOutage();
        RunResult fixed = run(params(csv, "concurrency", Integer.toString(CONCURRENCY)));

        // then: the stopped run continues and narrates everything
        assertThat(fixed.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(fixed.execution().getJobInstanceId())
                .isEqualTo(refused.execution().getJobInstanceId());
        assertThat(fixed.summary().narrated()).isEqualTo(EPISODES.size());
        for (String id : EPISODES) {
            assertPublishedWav(id);
        }
    }
}
