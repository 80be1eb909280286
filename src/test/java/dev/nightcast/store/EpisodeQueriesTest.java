package dev.nightcast.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The queries the review page, the feed and the run summary make, on a real H2 database migrated
 * by the application's own migrations.
 */
class EpisodeQueriesTest {

    private static final Instant NOON = Instant.parse("2026-11-30T12:00:00Z");

    private JdbcClient jdbc;
    private EpisodeRepository episodes;
    private ExecutionEpisodes executions;

    @BeforeEach
    void migrate() {
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .load()
                .migrate();
        jdbc = JdbcClient.create(dataSource);
        episodes = new EpisodeRepository(jdbc, Clock.systemUTC());
        executions = new ExecutionEpisodes(jdbc);
    }

    private void row(
            String id, EpisodeStatus status, long execution, Instant started, Instant finished, long durationMillis) {
        jdbc.sql("""
                INSERT INTO episode (episode_id, status, title, source, wav_path, transcript, duration_ms,
                  failure_kind, failure_reason, wav_sha256, job_execution_id, started_at, finished_at, updated_at)
                VALUES (:id, :status, :title, :source, :wav, :transcript, :duration, :kind, :reason, :sha,
                  :execution, :started, :finished, :updated)""")
                .param("id", id)
                .param("status", status.name())
                .param("title", "Title of " + id)
                .param("source", id + ".md:1")
                .param("wav", "/out/" + id + ".wav")
                .param("transcript", "Words of " + id + ".")
                .param("duration", durationMillis)
                .param("kind", status == EpisodeStatus.FAILED ? "PERMANENT" : null)
                .param("reason", status == EpisodeStatus.FAILED ? "refused: " + id : null)
                .param("sha", "sha-" + id)
                .param("execution", execution)
                .param("started", started == null ? null : Timestamp.from(started))
                .param("finished", finished == null ? null : Timestamp.from(finished))
                .param("updated", Timestamp.from(NOON))
                .update();
    }

    @Test
    void theStatesOfMoreEpisodesThanOneQueryBindsAreAllFoundAndIdsWithoutARowAreLeftOut() {
        List<String> ids = IntStream.range(0, 1_201)
                .mapToObj(i -> String.format("ep-%04d", i))
                .toList();
        ids.forEach(id -> row(id, EpisodeStatus.DONE, 1, NOON, NOON.plusSeconds(3), 60_000));
        row("ep-failed", EpisodeStatus.FAILED, 2, NOON, NOON.plusSeconds(1), 0);

        Map<String, EpisodeState> states = episodes.findStates(
                Stream.concat(ids.stream(), Stream.of("ep-failed", "no-row")).toList());

        assertThat(states).hasSize(1_202).doesNotContainKey("no-row");
        assertThat(states.get("ep-1200"))
                .usingRecursiveComparison()
                .ignoringFields("model", "usage")
                .isEqualTo(new EpisodeState(
                        "ep-1200",
                        EpisodeStatus.DONE,
                        "Title of ep-1200",
                        "/out/ep-1200.wav",
                        "Words of ep-1200.",
                        60_000,
                        null,
                        NOON.plusSeconds(3),
                        "sha-ep-1200",
                        null));
        assertThat(states.get("ep-failed").status()).isEqualTo(EpisodeStatus.FAILED);
        assertThat(states.get("ep-failed").failureReason()).isEqualTo("refused: ep-failed");
    }

    @Test
    void anExecutionCountsOnlyTheRowsItWroteAndTimesOnlyEpisodesWithAStartAndAnEnd() {
        row("a", EpisodeStatus.DONE, 7, NOON, NOON.plusMillis(2_500), 40_000);
        row("b", EpisodeStatus.DONE, 7, null, null, 20_000);
        row("c", EpisodeStatus.FAILED, 7, NOON, NOON.plusMillis(700), 0);
        row("d", EpisodeStatus.DONE, 8, NOON, NOON.plusSeconds(9), 90_000);

        assertThat(executions.narrated(7)).isEqualTo(new ExecutionEpisodes.Narrated(2, 60_000));
        assertThat(executions.narrated(9)).isEqualTo(new ExecutionEpisodes.Narrated(0, 0));
        assertThat(executions.failed(7)).isEqualTo(1);
        assertThat(executions.failures(7))
                .containsExactly(new ExecutionEpisodes.Failure("c", "c.md:1", "PERMANENT", "refused: c"));
        assertThat(executions.timings(7))
                .extracting(ExecutionEpisodes.Timing::episodeId, ExecutionEpisodes.Timing::tookMillis)
                .containsExactlyInAnyOrder(tuple("a", 2_500L), tuple("c", 700L));
    }
}
