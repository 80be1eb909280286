package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.test.system.CapturedOutput;

import dev.nightcast.run.ExitCodes;
import dev.nightcast.run.RunResult;
import dev.nightcast.simulator.Fault;
import dev.nightcast.support.TestScripts;

/**
 * Each fault of the Realtime API, injected into a whole run: the episode ends narrated when the
 * fault is transient and clears within its attempts, or failed with a clear recorded reason;
 * throttling is tried again without using attempts up; every gateway call is a row and one log
 * line; nothing half-written is left; the exit code says which.
 */
class GatewayFaultJobTest extends FaultInjectionJobTestBase {

    private static final String TEXT = "A short episode that meets a fault on its way to the listener.";

    static Stream<Arguments> transientFaults() {
        return Stream.of(
                Arguments.of(Fault.serviceUnavailable(), "http_503"),
                Arguments.of(Fault.connectionReset(), "network"),
                Arguments.of(Fault.closeMidStream(1011, "internal error"), "close_1011"),
                Arguments.of(Fault.dropMidStream(), "network"),
                Arguments.of(
                        Fault.errorEvent("server_error", "server_error", "The server had an error."), "server_error"),
                Arguments.of(Fault.responseCancelled(), "cancelled"),
                Arguments.of(Fault.malformedFrame(), "malformed_event"),
                Arguments.of(Fault.stall(), "idle_timeout"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("transientFaults")
    void aTransientFaultIsRetriedOnAFreshConnectionAndItsPartialAudioIsCutOff(Fault fault, String code)
            throws Exception {
        Path csv = write("faults.csv", "episode_id,script\nfaulty," + TEXT + "\nclean," + TEXT + "\n");
        SIMULATOR.enqueueFault(fault);

        RunResult result = run(params(csv, "concurrency", "1"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(attempts("faulty"))
                .extracting(Attempt::outcome, Attempt::kind, Attempt::code)
                .containsExactly(tuple("FAILED", "TRANSIENT", code), tuple("SUCCEEDED", null, null));
        assertThat(attempts("faulty").get(0).message()).startsWith("episode faulty segment 1 attempt 1: ");
        assertThat(((Number) value(episodeRow("faulty"), "attempts")).intValue())
                .isEqualTo(2);
        assertPublishedWav("faulty");
        assertThat(value(episodeRow("faulty"), "wav_sha256"))
                .as("same audio as without the fault")
                .isEqualTo(value(episodeRow("clean"), "wav_sha256"));
        assertNothingPartialFor();
    }

    static Stream<Arguments> rateLimits() {
        return Stream.of(
                Arguments.of(
                        Fault.errorEvent(
                                "invalid_request_error", "rate_limit_exceeded", "Rate limit reached for requests."),
                        "rate_limit_exceeded"),
                Arguments.of(
                        Fault.responseFailed("invalid_request_error", "inference_rate_limit_exceeded"),
                        "inference_rate_limit_exceeded"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("rateLimits")
    void aRateLimitIsRecordedAsThrottledAndTriedAgainWithoutSpendingAnAttemptAndItsPartialAudioIsCutOff(
            Fault fault, String code) throws Exception {
        Path csv = write("limited.csv", "episode_id,script\nlimited," + TEXT + "\nclean," + TEXT + "\n");
        SIMULATOR.enqueueFault(fault);

        RunResult result = run(params(csv, "concurrency", "1", "max-attempts", "1"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(attempts("limited"))
                .extracting(Attempt::outcome, Attempt::kind, Attempt::code)
                .containsExactly(tuple("THROTTLED", "TRANSIENT", code), tuple("SUCCEEDED", null, null));
        assertThat(attempts("limited").get(0).message())
                .startsWith("episode limited segment 1 attempt 1: ")
                .contains("tried again after");
        assertThat(((Number) value(episodeRow("limited"), "attempts")).intValue())
                .isEqualTo(2);
        assertPublishedWav("limited");
        assertThat(value(episodeRow("limited"), "wav_sha256"))
                .as("same audio as without the fault")
                .isEqualTo(value(episodeRow("clean"), "wav_sha256"));
        assertNothingPartialFor();
    }

    @Test
    void aThrottledHandshakeIsTriedAgainAfterTheServersRetryAfterAndEachCallIsOneRowAndOneLogLine(CapturedOutput log)
            throws Exception {
        Path csv = write("throttled.csv", "episode_id,script\nthrottled," + TEXT + "\n");
        SIMULATOR.enqueueFault(Fault.rateLimited(Duration.ofSeconds(1)));

        // One attempt only: the throttled call must not use it up.
        RunResult result = run(params(csv, "concurrency", "1", "max-attempts", "1"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(attempts("throttled"))
                .extracting(Attempt::attempt, Attempt::outcome, Attempt::code)
                .containsExactly(tuple(1, "THROTTLED", "http_429"), tuple(2, "SUCCEEDED", null));
        assertThat(attempts("throttled").get(0).message())
                .contains(
                        "episode throttled segment 1 attempt 1: ",
                        "HTTP 429",
                        "tried again after 1000 ms, as Retry-After asked");
        List<String> lines = attemptLines(log, "throttled");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0))
                .contains(
                        "INFO",
                        "episode=throttled segment=1 attempt=1 outcome=THROTTLED http_429",
                        "latency=",
                        "next=\"retry in 1000 ms (Retry-After), not counted against max-attempts\"",
                        "HTTP 429");
        assertThat(lines.get(1))
                .contains("INFO", "episode=throttled segment=1 attempt=2 outcome=ok", "latency=", "audio=");
        assertThat(log.getAll()).doesNotContain(FAKE_KEY);
        assertPublishedWav("throttled");
    }

    @Test
    void aRateLimitInsideAHealthySocketWaitsAsLongAsItsMessageAsks(CapturedOutput log) throws Exception {
        Path csv = write("in-socket.csv", "episode_id,script\nin-socket," + TEXT + "\n");
        SIMULATOR.enqueueFault(Fault.errorEvent(
                "invalid_request_error",
                "rate_limit_exceeded",
                "Rate limit reached for requests. Please try again in 300ms."));

        RunResult result = run(params(csv, "concurrency", "1"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(attemptLines(log, "in-socket").get(0))
                .contains(
                        "outcome=THROTTLED rate_limit_exceeded",
                        "next=\"retry in 300 ms (Retry-After), not counted against max-attempts\"");
        assertPublishedWav("in-socket");
    }

    @Test
    void aContentFilteredResponseFailsItsEpisodeAtOnceAndTheRunGoesOn() throws Exception {
        Path csv = write("filtered.csv", "episode_id,script\nfiltered," + TEXT + "\nnext," + TEXT + "\n");
        SIMULATOR.enqueueFault(Fault.responseIncomplete("content_filter"));

        RunResult result = run(params(csv, "concurrency", "1"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_EPISODES_FAILED);
        assertThat(result.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(value(episodeRow("filtered"), "status")).isEqualTo("FAILED");
        assertThat(value(episodeRow("filtered"), "failure_kind")).isEqualTo("PERMANENT");
        assertThat((String) value(episodeRow("filtered"), "failure_reason"))
                .contains("episode filtered segment 1 attempt 1", "content_filter");
        assertThat(attempts("filtered"))
                .extracting(Attempt::outcome, Attempt::code)
                .containsExactly(tuple("FAILED", "content_filter"));
        assertThat(result.summary().failures())
                .anySatisfy(line -> assertThat(line).contains("filtered", "content_filter"));
        assertPublishedWav("next");
        assertNothingPartialFor("filtered");
    }

    @Test
    void aResponseCutAtTheOutputTokenCapIsNarratedAgainAsTwoHalves() throws Exception {
        String script = TestScripts.prose("capped", 1, 40);
        Path csv = write("capped.csv", "episode_id,script\ncapped," + script + "\n");
        // A cap that 40 words of speech reach (about 16 s of audio, 320 audio tokens), as 4,096 tokens are
        // reached by about 2.5 minutes.
        SIMULATOR.enqueueFault(Fault.outputCap(200));

        RunResult result = run(params(csv, "concurrency", "1"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        // The parts keep their segment's number, so reports and kept segments stay stable across runs.
        assertThat(attempts("capped"))
                .extracting(Attempt::segment, Attempt::outcome, Attempt::code)
                .containsExactly(
                        tuple(0, "FAILED", "max_output_tokens"),
                        tuple(0, "SUCCEEDED", null),
                        tuple(0, "SUCCEEDED", null));
        assertThat(((Number) value(episodeRow("capped"), "segments")).intValue())
                .isEqualTo(2);
        assertThat(Files.readString(output().resolve("capped.txt")).split("\\s+"))
                .containsExactly(script.split("\\s+"));
        assertPublishedWav("capped");
        assertNothingPartialFor();
    }

    @Test
    void aTransientFaultThatOutlastsTheAttemptsFailsOnlyItsEpisodeWithTheLastError() throws Exception {
        Path csv = write("outlasted.csv", "episode_id,script\noutlasted," + TEXT + "\nafter," + TEXT + "\n");
        // Mid-response: the episode's own failures (refused connections would be the gateway's, see
        // GatewayBlipJobTest).
        SIMULATOR.enqueueFault(Fault.errorEvent("server_error", "server_error", "The server had an error."));
        SIMULATOR.enqueueFault(Fault.errorEvent("server_error", "server_error", "The server had an error."));

        RunResult result = run(params(csv, "concurrency", "1", "max-attempts", "2"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_EPISODES_FAILED);
        assertThat(result.summary().stopReason()).isNull();
        assertThat(value(episodeRow("outlasted"), "failure_kind")).isEqualTo("TRANSIENT");
        assertThat((String) value(episodeRow("outlasted"), "failure_reason"))
                .contains("2 attempt(s)", "episode outlasted segment 1 attempt 2", "The server had an error.");
        assertThat(attempts("outlasted"))
                .extracting(Attempt::attempt, Attempt::outcome)
                .containsExactly(tuple(1, "FAILED"), tuple(2, "FAILED"));
        assertPublishedWav("after");
        assertNothingPartialFor("outlasted");
    }

    @Test
    void aSpuriousIncompleteFarBelowTheCapIsRetriedAsATransientFailureNotSplit() throws Exception {
        // given: 15 words, which the server reads in full and then calls cut at the output token cap
        String text = "Fifteen words are far too few to ever reach the output cap of one response tonight.";
        Path csv = write("spurious.csv", "episode_id,script\nspurious," + text + "\n");
        SIMULATOR.enqueueFault(Fault.responseIncomplete("max_output_tokens"));

        // when
        RunResult result = run(params(csv, "concurrency", "1"));

        // then: tried again as it was, counted as an attempt
        assertThat(result.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(attempts("spurious"))
                .extracting(Attempt::segment, Attempt::outcome, Attempt::kind, Attempt::code)
                .containsExactly(
                        tuple(0, "FAILED", "TRANSIENT", "max_output_tokens_early"), tuple(0, "SUCCEEDED", null, null));
        assertThat(((Number) value(episodeRow("spurious"), "segments")).intValue())
                .as("not split")
                .isEqualTo(1);
        assertThat(SIMULATOR.narrations().stream()
                        .filter(n -> "spurious".equals(n.episode()))
                        .map(n -> n.text()))
                .as("the same text both times")
                .containsOnly(text);
        assertPublishedWav("spurious");
    }

    @Test
    void aSpuriousIncompleteOnEveryAttemptFailsTheEpisodeAsTransientNotAsTooLong() throws Exception {
        String text = "Fifteen words are far too few to ever reach the output cap of one response tonight.";
        Path csv = write("stuck.csv", "episode_id,script\nstuck," + text + "\n");
        SIMULATOR.enqueueFault(Fault.responseIncomplete("max_output_tokens"));
        SIMULATOR.enqueueFault(Fault.responseIncomplete("max_output_tokens"));

        RunResult result = run(params(csv, "concurrency", "1", "max-attempts", "2"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_EPISODES_FAILED);
        assertThat(value(episodeRow("stuck"), "failure_kind")).isEqualTo("TRANSIENT");
        assertThat((String) value(episodeRow("stuck"), "failure_reason"))
                .contains("2 attempt(s)", "far below")
                .doesNotContain("too long");
        assertThat(attempts("stuck")).extracting(Attempt::segment).containsOnly(0);
        assertNothingPartialFor("stuck");
    }

    @Test
    void noHandshakeFailureEverPutsTheKeyIntoTheLogsOrTheDatabase(CapturedOutput log) throws Exception {
        Path csv = write(
                "secrets.csv",
                "episode_id,script\n"
                        + Stream.of("s-1", "s-2", "s-3")
                                .map(id -> id + "," + TEXT + "\n")
                                .collect(Collectors.joining()));
        // In order, on one worker: throttled, unavailable, reset, then the key refused, which stops the run.
        SIMULATOR.enqueueFault(Fault.rateLimited(Duration.ZERO));
        SIMULATOR.enqueueFault(Fault.serviceUnavailable());
        SIMULATOR.enqueueFault(Fault.connectionReset());
        SIMULATOR.enqueueFault(Fault.unauthorized());

        RunResult result = run(params(csv, "concurrency", "1"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(SIMULATOR.lastHandshake().header("api-key")).isEqualTo(FAKE_KEY);
        assertThat(log.getAll()).contains("HTTP 429", "HTTP 503", "HTTP 401").doesNotContain(FAKE_KEY);
        String database =
                String.join("\n", jdbc.sql("SCRIPT").query(String.class).list());
        assertThat(database)
                .as("every handshake failure is a row")
                .contains("s-1", "HTTP 429", "HTTP 503", "HTTP 401")
                .doesNotContain(FAKE_KEY);
    }

    /** The log lines of one episode's attempts, in order. */
    private static List<String> attemptLines(CapturedOutput log, String episodeId) {
        return log.getAll()
                .lines()
                .filter(line -> line.contains("episode=" + episodeId + " segment="))
                .toList();
    }
}
