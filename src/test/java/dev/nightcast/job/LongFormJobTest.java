package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.nightcast.run.ExitCodes;
import dev.nightcast.run.RunResult;
import dev.nightcast.simulator.Fault;
import dev.nightcast.simulator.Narration;
import dev.nightcast.support.TestScripts;
import dev.nightcast.support.WebVttParser;

/** Long and two-host episodes through the whole job: resume, voices, fidelity, subtitles, speed. */
@SpringBootTest
class LongFormJobTest extends NarrateJobTestBase {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:long-form-job;DB_CLOSE_DELAY=-1");
        gatewayProperties(registry);
    }

    @Test
    void aTwoHostEpisodeIsPublishedWithALabelledTranscriptAndVoiceTaggedSubtitles() throws Exception {
        write("talk/night-talk.md", """
                ---
                voice: cedar
                speakers:
                  HOST: alloy
                  GUEST: verse
                ---
                # Night Talk

                **HOST:** Welcome back. Tonight we talk about owls.

                **GUEST:** Thanks for having me. Owls are wonderful,
                and very quiet.

                HOST: Why are they so quiet?
                GUEST: Their feathers have soft edges.
                """);
        Path csv = write("talk/episodes.csv", "episode_id,title,script_file\ncsv-talk,Via CSV,night-talk.md\n");
        write("talk/unmapped.md", "---\nspeakers: {HOST: alloy}\n---\nHOST: Hi.\n\nGUEST: Who am I?\n");
        int responses = SIMULATOR.responsesCreated();

        RunResult result = run(params(dir.resolve("talk/*.{csv,md}"), "concurrency", "1"));

        assertThat(result.summary().narrated()).isEqualTo(2);
        assertThat(result.summary().invalid()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT reason FROM input_problem")
                        .query(String.class)
                        .single())
                .isEqualTo("speaker label 'GUEST' at " + dir.resolve("talk/unmapped.md") + ":6 has no voice: add it"
                        + " under speakers: in the front matter");
        assertThat(SIMULATOR.responsesCreated() - responses)
                .as("nothing of the invalid episode")
                .isEqualTo(10);
        for (String id : List.of("night-talk", "csv-talk")) {
            assertPublishedWav(id);
            assertThat(Files.readString(output().resolve(id + ".txt"))).isEqualTo("""
                    Night Talk.

                    HOST: Welcome back. Tonight we talk about owls.

                    GUEST: Thanks for having me. Owls are wonderful, and very quiet.

                    HOST: Why are they so quiet?

                    GUEST: Their feathers have soft edges.
                    """);
            List<WebVttParser.Cue> cues = WebVttParser.parse(Files.readString(output().resolve(id + ".vtt")));
            assertThat(cues)
                    .extracting(WebVttParser.Cue::voice)
                    .containsExactly(null, "HOST", "GUEST", "HOST", "GUEST");
            assertThat(cues.get(2).text()).isEqualTo("Thanks for having me.\nOwls are wonderful, and very quiet.");
            long durationMs = ((Number) value(episodeRow(id), "duration_ms")).longValue();
            assertThat(cues.get(cues.size() - 1).endMillis()).isEqualTo(durationMs);
            assertThat(cues.get(1).startMillis() - cues.get(0).endMillis())
                    .as("section to first turn")
                    .isEqualTo(500);
            assertThat(value(episodeRow(id), "subtitles_path"))
                    .isEqualTo(output().resolve(id + ".vtt").toString());
            assertThat(((Number) value(episodeRow(id), "word_error_rate")).doubleValue())
                    .isZero();
        }
        assertThat(sessionVoices("night-talk")).containsExactly("cedar", "alloy", "verse");
        assertNoWorkLeft();
    }

    @Test
    void anEpisodeKilledAtSegmentKOfNIsResumedByTheNextRunWhichRequestsOnlyTheMissingSegments() throws Exception {
        Path md = write("killed.md", TestScripts.prose("killed", 6, 200));
        SIMULATOR.enqueueFault(Fault.after(3, Fault.dropMidStream()));

        // One slot: with more, idle slots would help with the segments and the fault would hit another one.
        RunResult first = run(params(md, "max-attempts", "1", "concurrency", "1"));

        assertThat(first.exitCode()).isEqualTo(ExitCodes.SOME_EPISODES_FAILED);
        assertThat(value(episodeRow("killed"), "status")).isEqualTo("FAILED");
        assertThat((String) value(episodeRow("killed"), "failure_reason")).startsWith("segment 4 of 6 (");
        assertThat(output().resolve("killed.wav")).doesNotExist();
        try (Stream<Path> kept = Files.list(output())) {
            assertThat(kept.map(p -> p.getFileName().toString()).filter(name -> name.startsWith(".")))
                    .as("only the kept segments are left as work")
                    .singleElement()
                    .asString()
                    .matches("\\.killed\\.[0-9a-f]{12}\\.segments");
        }

        RunResult second = run(params(md, "max-attempts", "1"));

        assertThat(second.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertPublishedWav("killed");
        assertThat(requestsPerSegment("killed"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("0", 1L, "1", 1L, "2", 1L, "3", 2L, "4", 1L, "5", 1L));
        assertThat(((Number) value(episodeRow("killed"), "attempts")).intValue())
                .as("this run's attempts")
                .isEqualTo(3);
        assertThat(attemptOutcomes("killed"))
                .containsExactly(
                        "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "FAILED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED");
        assertThat(Files.readString(output().resolve("killed.txt")).strip()).isEqualTo(Files.readString(md));
        List<String> captioned = WebVttParser.parse(Files.readString(output().resolve("killed.vtt"))).stream()
                .flatMap(cue -> Stream.of(cue.text().split("\\s+")))
                .toList();
        assertThat(captioned)
                .as("every word, kept segments' too")
                .containsExactly(Files.readString(md).strip().split("\\s+"));
        assertNoWorkLeft();
    }

    @Test
    void aPreambleIsReadAgainButAModelThatKeepsParaphrasingFailsWithReasonFidelityAndItsRate() throws Exception {
        Path csv = write("tempting.csv", """
                episode_id,script
                greet,"Welcome to episode twelve! Today we ask: why do cats purr? Answer me in the comments."
                drift,"The keeper climbed the stairs, trimmed the wick and wound the clockwork before dusk."
                """);
        SIMULATOR.enqueueFault(Fault.preamble("Sure, here is the narration:"));
        SIMULATOR.enqueueFault(Fault.after(1, Fault.paraphrase(3)));
        SIMULATOR.enqueueFault(Fault.paraphrase(3));
        SIMULATOR.enqueueFault(Fault.paraphrase(3));

        RunResult result = run(params(csv, "concurrency", "1"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_EPISODES_FAILED);
        assertThat(attemptOutcomes("greet")).containsExactly("REJECTED", "SUCCEEDED");
        assertPublishedWav("greet");
        assertThat(Files.readString(output().resolve("greet.txt"))).doesNotContain("Sure");
        assertThat(value(episodeRow("drift"), "status")).isEqualTo("FAILED");
        assertThat((String) value(episodeRow("drift"), "failure_reason"))
                .isEqualTo("fidelity: segment 1 of 1 (" + csv
                        + ":3) was not read faithfully in 3 reading(s): word error rate 0.29 is above 0.10");
        assertThat(((Number) value(episodeRow("drift"), "word_error_rate")).doubleValue())
                .isEqualTo(4 / 14.0);
        assertThat(attemptOutcomes("drift")).containsExactly("REJECTED", "REJECTED", "REJECTED");
        assertThat(output().resolve("drift.vtt")).doesNotExist();
    }

    @Test
    void speedFromFrontMatterOrCsvStretchesTheAudioAndTheParamsFileSetsTheDefault() throws Exception {
        String text = "Slow down and listen to the sea at night.";
        write("speed/normal.md", text + "\n");
        write("speed/slow.md", "---\nspeed: 0.5\n---\n" + text + "\n");
        write("speed/rows.csv", "episode_id,speed,script\nfast,1.25,\"" + text + "\"\ndefault,,\"" + text + "\"\n");

        RunResult result = run(params(dir.resolve("speed/*.{csv,md}"), "speed", "0.8"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        long normal = durationMs("normal");
        assertThat(normal).as("nine words at the params file's 0.8").isEqualTo(9 * 500);
        assertThat(durationMs("slow")).isEqualTo(normal * 8 / 5);
        assertThat(durationMs("default")).isEqualTo(normal);
        assertThat(durationMs("fast")).isLessThan(normal);
        assertThat(result.execution().getJobParameters().getDouble("speed")).isEqualTo(0.8);
    }

    private long durationMs(String id) {
        return ((Number) value(episodeRow(id), "duration_ms")).longValue();
    }

    private Map<String, Long> requestsPerSegment(String episode) {
        return SIMULATOR.narrations().stream()
                .filter(n -> episode.equals(n.episode()))
                .collect(Collectors.groupingBy(Narration::segment, Collectors.counting()));
    }

    /** The voices of the sessions opened for an episode, from the session.updates before its responses. */
    private List<String> sessionVoices(String episode) {
        List<String> voices = new java.util.ArrayList<>();
        String pending = null;
        for (String event : SIMULATOR.clientEvents()) {
            if (event.contains("\"type\":\"session.update\"")) {
                pending = event.replaceAll(".*\"voice\":\"([a-z]+)\".*", "$1");
            } else if (pending != null && event.contains("\"episode\":\"" + episode + "\"")) {
                voices.add(pending);
                pending = null;
            }
        }
        return voices;
    }

    private void assertNoWorkLeft() throws Exception {
        try (Stream<Path> files = Files.list(output())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("."));
        }
    }
}
