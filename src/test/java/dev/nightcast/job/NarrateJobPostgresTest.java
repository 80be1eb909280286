package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.nightcast.report.ExecutionTally;
import dev.nightcast.run.ExitCodes;
import dev.nightcast.run.RunResult;
import dev.nightcast.simulator.Fault;
import dev.nightcast.support.PostgresTestDatabase;
import dev.nightcast.support.RequiresPostgres;
import dev.nightcast.support.TestScripts;

/** The same job on a real PostgreSQL: Flyway migrations, job repository, rows, rerun. */
@RequiresPostgres
@SpringBootTest
class NarrateJobPostgresTest extends NarrateJobTestBase {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.registerFreshSchema(registry);
        gatewayProperties(registry);
    }

    @Test
    void narratesPublishesAndSkipsOnRerunOnPostgres() throws Exception {
        write("long.txt", TestScripts.prose("pg", 4, 150));
        Path csv = write("pg.csv", """
                episode_id,title,script,script_file
                pg-1,"Title, with comma",Short and sweet.,
                pg-2,,,long.txt
                ,,No id.,
                """);

        RunResult first = run(params(csv));
        int responses = SIMULATOR.responsesCreated();
        RunResult second = run(params(csv));

        assertThat(first.exitCode()).isEqualTo(ExitCodes.SOME_EPISODES_FAILED);
        assertThat(first.summary().narrated()).isEqualTo(2);
        assertThat(first.summary().invalid()).isEqualTo(1);
        assertPublishedWav("pg-1");
        assertPublishedWav("pg-2");
        assertThat(value(episodeRow("pg-1"), "title")).isEqualTo("Title, with comma");
        assertThat(second.summary().skipped()).isEqualTo(2);
        assertThat(SIMULATOR.responsesCreated()).isEqualTo(responses);
        Long batchTables = jdbc.sql("SELECT COUNT(*) FROM batch_job_execution")
                .query(Long.class)
                .single();
        assertThat(batchTables).isGreaterThanOrEqualTo(2);
    }

    @Test
    void recordsSubtitlesAndWordErrorRatesOfDoneAndFailedEpisodesOnPostgres() throws Exception {
        write("talk.md", "---\nspeakers: {HOST: alloy, GUEST: verse}\n---\nHOST: Hello there.\nGUEST: Hi.\n");
        Path csv = write("rates.csv", """
                episode_id,script_file,script
                pg-talk,talk.md,
                pg-drift,,"The keeper climbed the stairs, trimmed the wick and wound the clockwork."
                pg-down,,Nobody will hear this.
                """);
        SIMULATOR.enqueueFault(Fault.after(2, Fault.paraphrase(2)));
        SIMULATOR.enqueueFault(Fault.paraphrase(2));
        SIMULATOR.enqueueFault(Fault.paraphrase(2));
        SIMULATOR.enqueueFault(Fault.errorEvent("invalid_request_error", "invalid_value", "Refused."));

        RunResult result = run(params(csv, "concurrency", "1"));

        assertThat(result.summary().narrated()).isEqualTo(1);
        assertPublishedWav("pg-talk");
        assertThat(value(episodeRow("pg-talk"), "subtitles_path"))
                .isEqualTo(output().resolve("pg-talk.vtt").toString());
        assertThat(((Number) value(episodeRow("pg-talk"), "word_error_rate")).doubleValue())
                .isZero();
        assertThat(((Number) value(episodeRow("pg-drift"), "word_error_rate")).doubleValue())
                .isEqualTo(0.5);
        assertThat((String) value(episodeRow("pg-drift"), "failure_reason")).startsWith("fidelity: ");
        assertThat(value(episodeRow("pg-down"), "word_error_rate")).isNull();
        assertThat((String) value(episodeRow("pg-down"), "failure_reason")).contains("invalid_value");
    }

    @Test
    void theRunSummaryReviewPageAndPerRunTallyWorkOnPostgres() throws Exception {
        Path csv = write("pg-out.csv", "episode_id,script\npg-out-1,On Postgres too.\n,No id.\n");

        RunResult result = run(params(csv));

        assertThat(result.summary().tokens().outputAudioTokens()).isPositive();
        assertThat(result.summary().cost().usd()).isPositive();
        assertThat(result.summary().failures()).singleElement().asString().contains("pg-out.csv:3");
        assertThat(output().resolve("runs").resolve(result.execution().getId() + ".json"))
                .exists();
        assertThat(Files.readString(output().resolve("index.html"))).contains("pg-out-1");
        var stored = jobRepository.getJobExecution(result.execution().getId());
        var tally = ExecutionTally.sum(stored.getStepExecutions());
        assertThat(tally.narrated()).isEqualTo(1);
        assertThat(tally.invalid()).isEqualTo(1);
        assertThat(tally.tokens()).isEqualTo(result.summary().tokens());
    }

    @Autowired
    JobRepository jobRepository;
}
