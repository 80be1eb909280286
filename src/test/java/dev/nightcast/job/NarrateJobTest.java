package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.nightcast.cli.CommandLine;
import dev.nightcast.cli.NarrateCommand;
import dev.nightcast.input.InputException;
import dev.nightcast.report.RunReport;
import dev.nightcast.run.ExitCodes;
import dev.nightcast.run.Preflight;
import dev.nightcast.run.RunResult;
import dev.nightcast.simulator.Fault;
import dev.nightcast.support.TestScripts;

@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class NarrateJobTest extends NarrateJobTestBase {

    @Autowired
    RunReport report;

    @Autowired
    Preflight preflight;

    @Autowired
    GracefulStop gracefulStop;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:narrate-job;DB_CLOSE_DELAY=-1");
        gatewayProperties(registry);
    }

    @Test
    void narratesEveryEpisodeIntoAWavATranscriptAndARow() throws Exception {
        String longScript = TestScripts.prose("long", 10, 150);
        write("scripts/long.txt", longScript);
        Path csv = write("episodes.csv", """
                episode_id,title,voice,instructions,script,script_file
                job-a,First,marin,,"Hello, and welcome to ""the show"".",
                job-b,Second,,Slow and calm.,"One paragraph here.

                And a second one.",
                job-long,Long,,,,scripts/long.txt
                """);
        write("job-md.md", """
                ---
                title: From markdown
                voice: cedar
                ---
                # A heading

                Some *emphasis* and a [link](https://example.org).

                ```
                code is not read
                ```
                """);

        RunResult result = run(params(dir.resolve("*.{csv,md}"), "concurrency", "2"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(result.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(result.summary().narrated()).isEqualTo(4);
        for (String id : List.of("job-a", "job-b", "job-long", "job-md")) {
            assertPublishedWav(id);
        }
        assertThat(Files.readString(output().resolve("job-a.txt"))).isEqualTo("Hello, and welcome to \"the show\".\n");
        assertThat(Files.readString(output().resolve("job-md.txt")))
                .doesNotContain("code is not read")
                .contains("A heading")
                .contains("Some emphasis and a link.");
        assertThat(value(episodeRow("job-a"), "voice")).isEqualTo("marin");
        assertThat(value(episodeRow("job-b"), "voice")).isEqualTo("alloy");
        assertThat(value(episodeRow("job-md"), "title")).isEqualTo("From markdown");
        assertThat(value(episodeRow("job-a"), "job_execution_id"))
                .isEqualTo(result.execution().getId());
        assertThat(value(episodeRow("job-a"), "source").toString()).endsWith("episodes.csv:2");
        assertThat(Files.list(output()).map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
    }

    @Test
    void aFifteenHundredWordScriptIsNarratedInSegmentsAndComesOutWhole() throws Exception {
        String script = TestScripts.prose("whole", 10, 150);
        Path md = write("whole.md", script);

        RunResult result = run(params(md));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        var segments = SIMULATOR.narrations().stream()
                .filter(n -> "whole".equals(n.episode()))
                .toList();
        assertThat(segments).hasSizeGreaterThanOrEqualTo(6);
        assertThat(segments).allSatisfy(n -> assertThat(n.text().split("\\s+")).hasSizeLessThanOrEqualTo(250));
        String transcript = Files.readString(output().resolve("whole.txt"));
        assertThat(words(transcript)).isEqualTo(words(script));
        assertThat(((Number) value(episodeRow("whole"), "segments")).intValue()).isEqualTo(segments.size());
        assertPublishedWav("whole");
    }

    @Test
    void aRerunWithTheSameParamsCallsTheGatewayZeroTimes() throws Exception {
        Path csv = write("rerun.csv", """
                episode_id,script
                rerun-1,The first one.
                rerun-2,The second one.
                """);
        RunResult first = run(params(csv));
        int connections = SIMULATOR.connections();
        int responses = SIMULATOR.responsesCreated();

        RunResult second = run(params(csv));

        assertThat(first.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(second.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(second.execution().getId()).isNotEqualTo(first.execution().getId());
        assertThat(second.summary().skipped()).isEqualTo(2);
        assertThat(second.summary().narrated()).isZero();
        assertThat(SIMULATOR.connections()).isEqualTo(connections);
        assertThat(SIMULATOR.responsesCreated()).isEqualTo(responses);
    }

    @Test
    void aChangedScriptIsNarratedAgain() throws Exception {
        Path csv = write("change.csv", "episode_id,script\nchange-1,Before the edit.\n");
        run(params(csv));
        String firstSha = (String) value(episodeRow("change-1"), "wav_sha256");

        write("change.csv", "episode_id,script\nchange-1,\"After the edit, with more words in it.\"\n");
        RunResult second = run(params(csv));

        assertThat(second.summary().narrated()).isEqualTo(1);
        assertThat(value(episodeRow("change-1"), "wav_sha256")).isNotEqualTo(firstSha);
        assertThat(Files.readString(output().resolve("change-1.txt"))).contains("After the edit");
    }

    @Test
    void badRowsFailAloneAndAreRecordedWithFileAndLine() throws Exception {
        Path csv = write("mixed.csv", """
                episode_id,voice,script
                good-1,,A good episode.
                ,,No id here.
                empty-1,,
                ../evil,,Trying to escape.
                good-1,,The same id again.
                voice-1,nova,An unknown voice.
                good-2,,Another good one.
                """);

        RunResult result = run(params(csv));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_EPISODES_FAILED);
        assertThat(result.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(result.summary().narrated()).isEqualTo(2);
        assertThat(result.summary().invalid()).isEqualTo(5);
        assertPublishedWav("good-1");
        assertPublishedWav("good-2");
        List<String> sources = jdbc.sql("SELECT source FROM input_problem ORDER BY source")
                .query(String.class)
                .list();
        assertThat(sources).containsExactlyInAnyOrder(csv + ":3", csv + ":4", csv + ":5", csv + ":6", csv + ":7");
        assertThat(result.summary().failures())
                .anySatisfy(line -> assertThat(line).contains("nova"));
        assertThat(dir.resolve("evil.wav")).doesNotExist();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).noneMatch(name -> name.contains("evil"));
        }
    }

    @Test
    void anInputWithoutTheNeededColumnsStopsTheRunBeforeAnyWork() throws Exception {
        Path csv = write("columns.csv", "id,text\nx,hello\n");
        int responses = SIMULATOR.responsesCreated();

        assertThatThrownBy(() -> run(params(csv)))
                .isInstanceOf(InputException.class)
                .hasMessageContaining(csv.toString())
                .hasMessageContaining("episode_id");
        assertThat(SIMULATOR.responsesCreated()).isEqualTo(responses);
    }

    @Test
    void aTransientFailureIsRetriedOnAFreshConnectionAndEveryAttemptIsRecorded() throws Exception {
        Path csv = write("retry.csv", "episode_id,script\nretry-1,This one meets a server error first.\n");
        SIMULATOR.enqueueFault(Fault.errorEvent("server_error", "server_error", "The server had an error."));

        RunResult result = run(params(csv, "concurrency", "1"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(attemptOutcomes("retry-1")).containsExactly("FAILED", "SUCCEEDED");
        assertThat(((Number) value(episodeRow("retry-1"), "attempts")).intValue())
                .isEqualTo(2);
        assertPublishedWav("retry-1");
    }

    @Test
    void aPermanentFailureFailsOnlyItsEpisodeWithAClearReasonAndPublishesNothing() throws Exception {
        Path csv = write("permanent.csv", "episode_id,script\nperm-1,Refused.\nperm-2,Accepted.\n");
        // The episode's own problem (a refused key would be the configuration's: GatewayConfigurationJobTest).
        SIMULATOR.enqueueFault(Fault.responseIncomplete("content_filter"));

        RunResult result = run(params(csv, "concurrency", "1"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_EPISODES_FAILED);
        assertThat(value(episodeRow("perm-1"), "status")).isEqualTo("FAILED");
        assertThat((String) value(episodeRow("perm-1"), "failure_reason")).contains("content_filter");
        assertThat(attemptOutcomes("perm-1")).containsExactly("FAILED");
        assertThat(output().resolve("perm-1.wav")).doesNotExist();
        assertPublishedWav("perm-2");
        assertThat(Files.list(output()).map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
    }

    @Test
    void theApiKeyNeverReachesLogsJobParametersTheDatabaseOrOutputs(CapturedOutput log) throws Exception {
        Path csv = write("secret.csv", "episode_id,script\nsecret-1,Nothing to hide.\n");
        SIMULATOR.enqueueFault(Fault.serviceUnavailable());

        RunResult result = run(params(csv, "concurrency", "1"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(SIMULATOR.lastHandshake().header("api-key")).isEqualTo(FAKE_KEY);
        assertThat(log.getAll()).doesNotContain(FAKE_KEY);
        String database =
                String.join("\n", jdbc.sql("SCRIPT").query(String.class).list());
        assertThat(database).contains("secret-1").doesNotContain(FAKE_KEY);
        try (Stream<Path> files = Files.walk(output())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .doesNotContain(FAKE_KEY);
            }
        }
    }

    @Test
    void theCommandLineTurnsOutcomesIntoExitCodes(CapturedOutput log) throws Exception {
        Path csv = write("cli.csv", "episode_id,script\ncli-1,From the command line.\n");
        Path params = write("cli.properties", "input=" + csv + "\noutput=" + output() + "\ngateway=azure\n");

        assertThat(commandLine("--params=" + params)).isEqualTo(ExitCodes.ALL_DONE);
        assertThat(log.getOut()).contains("narrated       1");

        assertThat(commandLine()).isEqualTo(ExitCodes.USAGE);
        assertThat(log.getAll()).contains("--params=FILE is required");

        assertThat(commandLine("--params=" + params, "--concurency=3")).isEqualTo(ExitCodes.USAGE);
        assertThat(log.getAll()).contains("unknown key 'concurency'");

        assertThat(commandLine("--params=" + params, "--input=" + dir.resolve("missing.csv")))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(log.getAll()).contains(dir.resolve("missing.csv").toString());

        assertThat(commandLine("--params=" + params, "--gateway=openai")).isEqualTo(ExitCodes.USAGE);
        assertThat(log.getAll()).contains("OPENAI_API_KEY");

        assertThat(commandLine("--params=" + dir.resolve("nope.properties"))).isEqualTo(ExitCodes.USAGE);
        assertThat(commandLine("--params=" + params, "--spring.main.banner-mode=off"))
                .isEqualTo(ExitCodes.ALL_DONE);
    }

    @Test
    void aConfigurationErrorShowsOneLinePerProblemAndNoInputCanAddALine(CapturedOutput log) throws Exception {
        // given params with two problems, one of them an input path that holds a forged log line
        Path params = write("two-problems.properties", "output=" + output() + "\ngateway=azure\ncolour=blue\n");
        String forging = dir.resolve("missing\nFORGED 12:00:00.000 INFO  [main] NarrateCommand - Run finished with exit"
                        + " code 0\n.csv")
                .toString();

        // when the command line runs them
        int code = commandLine("--params=" + params, "--input=" + forging);

        // then each problem is a line of its own, and the path stays inside its problem's line
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(log.getAll().lines())
                .anySatisfy(line -> assertThat(line).endsWith("Cannot start; 2 problems:"))
                .anySatisfy(line -> assertThat(line).startsWith("  - unknown key 'colour'"))
                .anySatisfy(line -> assertThat(line).startsWith("  - 'input': ").contains("missing\\nFORGED"))
                .noneSatisfy(line -> assertThat(line).startsWith("FORGED"));
    }

    @Test
    void anOutputFolderThatIsTheInputFolderIsRefusedBeforeAnythingIsWrittenOrSpent(CapturedOutput log)
            throws Exception {
        // given an author's folder whose CSV reads story.txt for the episode "story"
        Path show = Files.createDirectories(dir.resolve("show"));
        Files.writeString(show.resolve("episodes.csv"), "episode_id,script_file\nstory,story.txt\n");
        Files.writeString(show.resolve("story.txt"), "Once upon a time, by the author.");
        Path params = write("same-folder.properties", "input=" + show + "\noutput=" + show + "\ngateway=azure\n");
        int connections = SIMULATOR.connections();

        // when a run is asked to write its output into that folder
        int code = commandLine("--params=" + params);

        // then it is a configuration error naming both folders, and the author's file is untouched
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(log.getAll()).contains("'output' " + show + " is the input folder " + show.toRealPath());
        assertThat(Files.readString(show.resolve("story.txt"))).isEqualTo("Once upon a time, by the author.");
        try (Stream<Path> files = Files.list(show)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("episodes.csv", "story.txt");
        }
        assertThat(SIMULATOR.connections()).isEqualTo(connections);
    }

    @Test
    void aFileNightcastDidNotMakeUnderAnEpisodesNameFailsOnlyThatEpisodeBeforeAnythingIsSpent() throws Exception {
        // given an output folder that already holds someone's notes.txt, and an episode called "notes"
        Files.createDirectories(output());
        Files.writeString(output().resolve("notes.txt"), "Someone's notes, not made by Nightcast.");
        Path csv = write("owned.csv", "episode_id,script\nnotes,The notes episode.\nowned-2,Another episode.\n");

        // when the episodes are narrated
        RunResult result = run(params(csv));

        // then "notes" fails naming the file, its file is untouched and nothing was narrated for it,
        // and the other episode is published
        assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_EPISODES_FAILED);
        assertThat(episodeRow("notes").get("STATUS")).isEqualTo("FAILED");
        assertThat((String) episodeRow("notes").get("FAILURE_REASON"))
                .contains(output().resolve("notes.txt").toString())
                .contains("not made by Nightcast");
        assertThat(Files.readString(output().resolve("notes.txt")))
                .isEqualTo("Someone's notes, not made by Nightcast.");
        assertThat(output().resolve("notes.wav")).doesNotExist();
        assertThat(simulatorResponsesFor("notes")).isZero();
        assertThat(episodeRow("owned-2").get("STATUS")).isEqualTo("DONE");
    }

    private int commandLine(String... args) {
        CommandLine commandLine =
                new CommandLine(List.of(new NarrateCommand(preflight, launcher, report, gracefulStop)));
        commandLine.run(new DefaultApplicationArguments(args));
        return commandLine.getExitCode();
    }

    private static List<String> words(String text) {
        return List.of(text.strip().split("\\s+"));
    }
}
