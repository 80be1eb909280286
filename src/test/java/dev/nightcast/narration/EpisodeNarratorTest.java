package dev.nightcast.narration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.nightcast.assembly.SubtitleCue;
import dev.nightcast.audio.AudioProperties;
import dev.nightcast.gateway.GatewayProperties;
import dev.nightcast.gateway.RealtimeGatewayFactory;
import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeGateway;
import dev.nightcast.realtime.TokenUsage;
import dev.nightcast.realtime.websocket.Timeouts;
import dev.nightcast.retry.OutageBreaker;
import dev.nightcast.script.EpisodeScript;
import dev.nightcast.script.Passage;
import dev.nightcast.script.SourceLocation;
import dev.nightcast.simulator.Fault;
import dev.nightcast.simulator.Narration;
import dev.nightcast.simulator.ResponseHold;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;
import dev.nightcast.support.TestScripts;
import dev.nightcast.throughput.ThroughputProperties;

/**
 * One episode through the real client and the simulator on a loopback socket: resuming from kept
 * segments, sessions per voice, the fidelity check and the token-cap split.
 */
class EpisodeNarratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SourceLocation WHERE = new SourceLocation(Path.of("ep.md"), 1);

    @TempDir
    Path dir;

    private ScriptedSimulator simulator;
    private RealtimeGatewayFactory gateways;
    private final RecordingAttemptLog attempts = new RecordingAttemptLog();

    @BeforeEach
    void start() {
        start(SimulatorSettings.fast());
    }

    private void start(SimulatorSettings settings) {
        simulator = ScriptedSimulator.start(settings);
        gateways = new RealtimeGatewayFactory(new GatewayProperties(
                new GatewayProperties.Azure(simulator.baseUrl(), "gpt-realtime-mini", "test-key", null), null,
                new Timeouts(
                                Duration.ofSeconds(5),
                                Duration.ofSeconds(5),
                                Duration.ofSeconds(5),
                                Duration.ofSeconds(20),
                                Duration.ofMillis(100)),
                        null));
    }

    @AfterEach
    void stop() {
        gateways.close();
        simulator.close();
    }

    /** A narrator as a new process would have one: nothing shared but the files on disk. */
    private EpisodeNarrator narrator() {
        return narrator(new SegmentSharing());
    }

    /** A narrator whose episodes idle workers of {@code sharing} may help with. */
    private EpisodeNarrator narrator(SegmentSharing sharing) {
        RealtimeGateway gateway = gateways.create("azure");
        NarrationProperties settings = new NarrationProperties(
                60,
                Duration.ofMillis(350),
                Duration.ofMillis(700),
                Duration.ofMillis(1200),
                Duration.ofMillis(500),
                Duration.ofMillis(1),
                Duration.ofMillis(5),
                10,
                Duration.ofSeconds(60),
                null);
        OutageBreaker breaker = new OutageBreaker(10, Duration.ofSeconds(60), java.time.Clock.systemUTC());
        return new EpisodeNarrator(
                gateway,
                settings,
                AudioProperties.defaults().mastering(),
                NarrationProcessor.retryDecision(settings, ThroughputProperties.defaults(), breaker),
                () -> 0.5,
                attempts,
                breaker,
                sharing);
    }

    private static EpisodeScript monologue(String id, int paragraphs) {
        return new EpisodeScript(id, id, "marin", "", TestScripts.prose(id, paragraphs, 50), WHERE);
    }

    /** How often each segment index of the episode was requested. */
    private Map<String, Long> requestsPerSegment(String episode) {
        return simulator.narrations().stream()
                .filter(n -> episode.equals(n.episode()))
                .collect(Collectors.groupingBy(Narration::segment, Collectors.counting()));
    }

    @Test
    void aConnectionKilledAtSegmentKOfNIsResumedByANewRunThatRequestsOnlyTheMissingSegments() throws Exception {
        EpisodeScript script = monologue("resume", 6);
        Path segments = dir.resolve("segments");
        simulator.enqueueFault(Fault.after(3, Fault.dropMidStream()));

        EpisodeNarrationException killed = catchThrowableOfType(
                EpisodeNarrationException.class,
                () -> narrator().narrate(script, segments, dir.resolve("first.wav"), 1));
        EpisodeNarrator.Result resumed = narrator().narrate(script, segments, dir.resolve("resumed.wav"), 1);

        assertThat(killed.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(killed.getMessage()).startsWith("segment 4 of 6 (ep.md:1) failed after 1 attempt(s)");
        assertThat(requestsPerSegment("resume"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("0", 1L, "1", 1L, "2", 1L, "3", 2L, "4", 1L, "5", 1L));
        assertThat(resumed.resumedSegments()).isEqualTo(3);
        assertThat(resumed.attempts()).isEqualTo(3);
        assertThat(resumed.segmentCount()).isEqualTo(6);
        EpisodeNarrator.Result uninterrupted =
                narrator().narrate(script, dir.resolve("other"), dir.resolve("once.wav"), 1);
        assertThat(sha256(dir.resolve("resumed.wav")))
                .as("the resumed WAV is the uninterrupted one")
                .isEqualTo(sha256(dir.resolve("once.wav")));
        assertThat(resumed.transcript()).isEqualTo(uninterrupted.transcript()).isEqualTo(script.text());
    }

    @Test
    void withinOneRunTheKilledSegmentIsRetriedOnAFreshConnectionAndEarlierOnesAreNotRepeated() throws Exception {
        EpisodeScript script = monologue("retry", 5);
        simulator.enqueueFault(Fault.after(2, Fault.dropMidStream()));

        EpisodeNarrator.Result result = narrator().narrate(script, dir.resolve("s"), dir.resolve("retry.wav"), 3);

        assertThat(requestsPerSegment("retry"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("0", 1L, "1", 1L, "2", 2L, "3", 1L, "4", 1L));
        assertThat(simulator.connections()).isEqualTo(2);
        assertThat(result.attempts()).isEqualTo(6);
        assertThat(attempts.entries()).contains("2/1 FAILED network", "2/2 SUCCEEDED");
    }

    @Test
    void idleWorkersNarrateTheSegmentsLeftFromTheBackWhileTheOwnerIsBusyAndTheWavIsTheSame() throws Exception {
        EpisodeScript script = monologue("shared", 6);
        SegmentSharing sharing = new SegmentSharing();
        ResponseHold first = simulator.holdResponses(n -> "shared".equals(n.episode()) && "0".equals(n.segment()));

        CompletableFuture<EpisodeNarrator.Result> owner = CompletableFuture.supplyAsync(
                () -> narrate(narrator(sharing), script, dir.resolve("s"), dir.resolve("shared.wav")));
        await().atMost(Duration.ofSeconds(10)).until(() -> first.waiting() == 1);
        // Two workers with nothing left to read: they return once every segment is taken.
        Runnable helper = () -> sharing.helpWhileWorkRemains(() -> false);
        CompletableFuture<Void> helpers =
                CompletableFuture.allOf(CompletableFuture.runAsync(helper), CompletableFuture.runAsync(helper));
        helpers.get(10, TimeUnit.SECONDS);

        assertThat(owner).as("its own first segment is still held").isNotDone();
        assertThat(requestsPerSegment("shared"))
                .containsOnlyKeys("0", "1", "2", "3", "4", "5")
                .allSatisfy((segment, requests) -> assertThat(requests).isEqualTo(1));
        assertThat(simulator.connections())
                .as("one session for the owner, one per helper")
                .isEqualTo(3);
        first.release();
        EpisodeNarrator.Result result = owner.get(10, TimeUnit.SECONDS);

        assertThat(result.attempts()).isEqualTo(6);
        assertThat(result.segmentCount()).isEqualTo(6);
        assertThat(result.transcript()).isEqualTo(script.text());
        assertThat(attempts.entries()).hasSize(6).allMatch(entry -> entry.endsWith("/1 SUCCEEDED"));
        narrator().narrate(script, dir.resolve("alone"), dir.resolve("alone.wav"), 1);
        assertThat(sha256(dir.resolve("shared.wav")))
                .as("the same WAV as one worker narrating alone")
                .isEqualTo(sha256(dir.resolve("alone.wav")));
    }

    @Test
    void aSegmentThatFailsInAHelperFailsTheEpisodeAndNoFurtherSegmentIsStarted() throws Exception {
        EpisodeScript script = monologue("doomed", 6);
        SegmentSharing sharing = new SegmentSharing();
        Path segments = dir.resolve("s");
        ResponseHold first = simulator.holdResponses(n -> "doomed".equals(n.episode()) && "0".equals(n.segment()));

        CompletableFuture<EpisodeNarrator.Result> owner = CompletableFuture.supplyAsync(
                () -> narrate(narrator(sharing), script, segments, dir.resolve("doomed.wav")));
        await().atMost(Duration.ofSeconds(10)).until(() -> first.waiting() == 1);
        simulator.enqueueFault(Fault.errorEvent("invalid_request_error", "invalid_value", "Refused."));
        sharing.helpWhileWorkRemains(() -> false);
        first.release();

        Throwable failed = catchThrowable(() -> owner.get(10, TimeUnit.SECONDS));
        assertThat(failed).isInstanceOf(ExecutionException.class).cause().isInstanceOf(EpisodeNarrationException.class);
        EpisodeNarrationException episode = (EpisodeNarrationException) failed.getCause();
        assertThat(episode.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(episode.getMessage()).startsWith("segment 6 of 6 (ep.md:1) failed after 1 attempt(s)");
        assertThat(episode.attempts()).as("the owner's call and the helper's").isEqualTo(2);
        assertThat(attempts.entries()).containsExactlyInAnyOrder("0/1 SUCCEEDED", "5/1 FAILED invalid_value");
        assertThat(Files.list(segments).map(p -> p.getFileName().toString()))
                .as("the owner's finished segment is kept for the next run")
                .hasSize(2)
                .allMatch(name -> name.startsWith("0000-"));
    }

    private static EpisodeNarrator.Result narrate(
            EpisodeNarrator narrator, EpisodeScript script, Path segments, Path wav) {
        try {
            return narrator.narrate(script, segments, wav, 1);
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    @Test
    void aTwoHostDialogueIsReadVoiceByVoiceWithOneSessionPerVoiceAndJoinedInScriptOrder() throws Exception {
        List<Passage> turns = List.of(
                new Passage("HOST", "alloy", "Welcome back to the night shift.", false, WHERE),
                new Passage("GUEST", "verse", "Thanks for having me, it is late.", false, WHERE),
                new Passage("HOST", "alloy", "Tell us about owls.", false, WHERE),
                new Passage("GUEST", "verse", "They hear better than they see.", false, WHERE));
        EpisodeScript script = new EpisodeScript("talk", "Talk", "cedar", "", 1.0, turns, WHERE);

        EpisodeNarrator.Result result = narrator().narrate(script, dir.resolve("s"), dir.resolve("talk.wav"), 1);

        assertThat(simulator.connections()).isEqualTo(2);
        assertThat(sessionVoices()).containsExactly("alloy", "verse");
        assertThat(simulator.narrations()).extracting(Narration::segment).containsExactly("0", "2", "1", "3");
        assertThat(result.transcript())
                .isEqualTo("HOST: Welcome back to the night shift.\n\n"
                        + "GUEST: Thanks for having me, it is late.\n\nHOST: Tell us about owls.\n\n"
                        + "GUEST: They hear better than they see.");
        assertThat(result.cues()).extracting(SubtitleCue::speaker).containsExactly("HOST", "GUEST", "HOST", "GUEST");
        long turnPause = 24_000; // 500 ms
        for (int i = 1; i < result.cues().size(); i++) {
            assertThat(result.cues().get(i).startByte())
                    .isEqualTo(result.cues().get(i - 1).endByte() + turnPause);
        }
        assertThat(result.cues().get(3).endByte()).isEqualTo(result.audioBytes());
        assertThat(Files.size(dir.resolve("talk.wav"))).isEqualTo(44 + result.audioBytes());
    }

    @Test
    void aPreambleIsRejectedAndTheSegmentReadAgainWithStricterInstructions() throws Exception {
        EpisodeScript script = monologue("preamble", 1);
        simulator.enqueueFault(Fault.preamble("Sure, here is the narration:"));

        EpisodeNarrator.Result result = narrator().narrate(script, dir.resolve("s"), dir.resolve("p.wav"), 1);

        assertThat(result.transcript()).isEqualTo(script.text());
        assertThat(result.wordErrorRate()).isZero();
        assertThat(attempts.entries()).containsExactly("0/1 REJECTED", "0/2 SUCCEEDED");
        List<String> instructions = responseInstructions();
        assertThat(instructions.get(0)).doesNotContain("IMPORTANT");
        assertThat(instructions.get(1))
                .contains("IMPORTANT: the previous recording of this script was rejected"
                        + " (5 extra word(s) before the first word of the text ('sure here is the narration'))")
                .contains("Your first words must be \"The preamble story\"");
    }

    @Test
    void aSegmentNeverReadFaithfullyFailsTheEpisodeWithReasonFidelityAndTheMeasuredRate() throws Exception {
        EpisodeScript script = monologue("drift", 2);
        Path segments = dir.resolve("s");
        for (int i = 0; i < 3; i++) {
            simulator.enqueueFault(Fault.after(i == 0 ? 1 : 0, Fault.paraphrase(4)));
        }

        EpisodeNarrationException failed = catchThrowableOfType(
                EpisodeNarrationException.class, () -> narrator().narrate(script, segments, dir.resolve("d.wav"), 1));

        assertThat(failed.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(failed.code()).isEqualTo("fidelity");
        assertThat(failed.getMessage())
                .isEqualTo("fidelity: segment 2 of 2 (ep.md:1) was not read faithfully in 3 reading(s):"
                        + " word error rate 0.24 is above 0.10");
        assertThat(failed.wordErrorRate()).isEqualTo(12 / 50.0);
        assertThat(attempts.entries()).containsExactly("0/1 SUCCEEDED", "1/1 REJECTED", "1/2 REJECTED", "1/3 REJECTED");
        assertThat(Files.list(segments).map(p -> p.getFileName().toString()))
                .as("the faithful first segment stays kept, nothing of the second")
                .hasSize(2)
                .allMatch(name -> name.startsWith("0000-"));
    }

    @Test
    void theTokensOfARejectedReadingCountInTheEpisodeItFailsWith() throws Exception {
        EpisodeScript script = monologue("costly", 1);
        simulator.enqueueFault(Fault.preamble("Sure, here is the narration:"));
        simulator.enqueueFault(Fault.errorEvent("invalid_request_error", "invalid_value", "Refused."));

        EpisodeNarrationException failed = catchThrowableOfType(
                EpisodeNarrationException.class,
                () -> narrator().narrate(script, dir.resolve("s"), dir.resolve("costly.wav"), 1));

        assertThat(attempts.entries()).containsExactly("0/1 REJECTED", "0/2 FAILED invalid_value");
        assertThat(failed.usage()).as("the rejected reading was paid for").isNotEqualTo(TokenUsage.ZERO);
        assertThat(failed.usage().outputAudioTokens()).isPositive();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aSegmentTooShortToSplitThatIsCutAtTheTokenCapFailsItsEpisodeAndItsLogLineSaysSo(CapturedOutput log) {
        // given: fewer words than a split needs, and a cap the reading reaches
        String text = "Fifteen words are far too few to ever be split in two by this narrator tonight.";
        EpisodeScript script = new EpisodeScript("short", "short", "marin", "", text, WHERE);
        simulator.enqueueFault(Fault.outputCap(50));

        // when
        EpisodeNarrationException failed = catchThrowableOfType(
                EpisodeNarrationException.class,
                () -> narrator().narrate(script, dir.resolve("s"), dir.resolve("short.wav"), 3));

        // then: one call, no parts, and the line says what happened next
        assertThat(failed.kind()).isEqualTo(FailureKind.OUTPUT_CAP);
        assertThat(attempts.entries()).containsExactly("0/1 FAILED max_output_tokens");
        assertThat(simulator.narratedTexts()).containsExactly(text);
        assertThat(log.getAll())
                .contains(
                        "episode=short segment=1 attempt=1 outcome=PERMANENT max_output_tokens",
                        "next=\"give up (permanent)\"")
                .doesNotContain("split the segment");
    }

    @Test
    void aResponseCutAtTheTokenCapIsSplitAndANewRunRemembersTheSplit() throws Exception {
        stop();
        start(SimulatorSettings.fast().withMaxOutputTokens(400));
        EpisodeScript script = monologue("cap", 1);
        Path segments = dir.resolve("s");
        simulator.enqueueFault(Fault.after(2, Fault.dropMidStream()));

        catchThrowableOfType(
                EpisodeNarrationException.class, () -> narrator().narrate(script, segments, dir.resolve("c1.wav"), 1));
        List<String> firstRun = simulator.narratedTexts();
        EpisodeNarrator.Result result = narrator().narrate(script, segments, dir.resolve("c2.wav"), 1);

        assertThat(firstRun).hasSize(3);
        assertThat(firstRun.get(0)).isEqualTo(script.text());
        assertThat(firstRun.get(1) + " " + firstRun.get(2)).isEqualTo(script.text());
        assertThat(simulator
                        .narratedTexts()
                        .subList(3, simulator.narratedTexts().size()))
                .as("only the missing part, not the whole segment again")
                .containsExactly(firstRun.get(2));
        assertThat(result.transcript()).isEqualTo(script.text());
        assertThat(result.cues().stream().flatMap(cue -> List.of(cue.text().split("\\s+")).stream()))
                .as("captions of both parts")
                .containsExactly(script.text().split("\\s+"));
    }

    private List<String> sessionVoices() {
        return clientEvents(
                "session.update",
                event -> event.at("/session/audio/output/voice").asText());
    }

    private List<String> responseInstructions() {
        return clientEvents(
                "response.create", event -> event.at("/response/instructions").asText());
    }

    private List<String> clientEvents(String type, Function<JsonNode, String> field) {
        return simulator.clientEvents().stream()
                .map(EpisodeNarratorTest::parse)
                .filter(event -> type.equals(event.path("type").asText()))
                .map(field)
                .toList();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
