package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.nightcast.run.ExitCodes;
import dev.nightcast.run.RunResult;
import dev.nightcast.script.EntryLimits;

/**
 * One entry can never stop the run: the longest valid id, the longest title and a deep input path
 * go through to the database and the output folder, and an episode the database refuses fails
 * alone, without its paid-for audio being narrated again. Subclasses choose the database.
 */
abstract class EntryIsolationTestBase extends NarrateJobTestBase {

    /** Episode ids of this class: the simulator's history is shared by every test class of the JVM. */
    abstract String tag();

    @AfterEach
    void dropTheRefusal() {
        jdbc.sql("ALTER TABLE episode DROP CONSTRAINT IF EXISTS refuse_one_episode")
                .update();
    }

    @Test
    void anEpisodeWithTheLongestValidIdIsNarratedAndPublished() throws Exception {
        // given
        String id = (tag() + "-long-").concat("i".repeat(EntryLimits.ID_LENGTH)).substring(0, EntryLimits.ID_LENGTH);
        Path csv = write(
                "long-id.csv",
                "episode_id,script\n" + id + ",Words for the longest id.\n" + tag() + "-short,Short words.\n");

        // when
        RunResult result = run(params(csv));

        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertPublishedWav(id);
        assertPublishedWav(tag() + "-short");
    }

    @Test
    void theLongestTitleAndAnInputPathOverTwoThousandCharactersAreStored() throws Exception {
        // given
        Path deep = dir;
        while (deep.toString().length() <= 2_100) {
            deep = deep.resolve("d".repeat(200));
        }
        Files.createDirectories(deep);
        String title = "\u00e9".repeat(EntryLimits.TITLE_LENGTH);
        Path csv = Files.writeString(
                deep.resolve("episodes.csv"),
                "episode_id,title,script\n" + tag() + "-deep,\"" + title + "\",Words from deep down.\n");

        // when
        RunResult result = run(params(csv));

        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertPublishedWav(tag() + "-deep");
        assertThat(value(episodeRow(tag() + "-deep"), "title")).isEqualTo(title);
        assertThat((String) value(episodeRow(tag() + "-deep"), "source")).isEqualTo(csv + ":2");
    }

    @Test
    void anEpisodeTheDatabaseRefusesFailsAloneAndIsNotNarratedAgainOnTheNextRuns() throws Exception {
        // given the database refuses to record this one episode as published
        String doomed = tag() + "-refused";
        jdbc.sql("ALTER TABLE episode ADD CONSTRAINT refuse_one_episode CHECK (episode_id <> '" + doomed
                        + "' OR wav_bytes IS NULL)")
                .update();
        Path csv = write(
                "refused.csv",
                "episode_id,script\n" + tag() + "-before,Words before.\n" + doomed
                        + ",Words the database will not take.\n" + tag() + "-after,Words after.\n");

        // when
        RunResult first = run(params(csv, "concurrency", "1"));
        long paid = simulatorResponsesFor(doomed);
        RunResult second = run(params(csv, "concurrency", "1"));

        // then the other episodes are published and the refused one is FAILED with the reason, twice
        assertThat(first.exitCode()).isEqualTo(ExitCodes.SOME_EPISODES_FAILED);
        assertThat(first.summary().narrated()).isEqualTo(2);
        assertThat(first.summary().failed()).isEqualTo(1);
        assertPublishedWav(tag() + "-before");
        assertPublishedWav(tag() + "-after");
        assertThat(value(episodeRow(doomed), "status")).isEqualTo("FAILED");
        assertThat(((String) value(episodeRow(doomed), "failure_reason")).toLowerCase(Locale.ROOT))
                .contains("could not be recorded")
                .contains("refuse_one_episode");
        assertThat(second.exitCode()).isEqualTo(ExitCodes.SOME_EPISODES_FAILED);
        assertThat(paid).isPositive();
        assertThat(simulatorResponsesFor(doomed)).isEqualTo(paid);

        // when the database takes it again
        dropTheRefusal();
        RunResult third = run(params(csv, "concurrency", "1"));

        // then it is published from the audio already paid for
        assertThat(third.exitCode()).isEqualTo(ExitCodes.ALL_DONE);
        assertPublishedWav(doomed);
        assertThat(simulatorResponsesFor(doomed)).isEqualTo(paid);
    }

    @Test
    void anEpisodeWhoseWavCannotBePutInPlaceFailsAloneAndTheRunGoesOn() throws Exception {
        // given a folder (not empty) where the episode's WAV should go
        String blocked = tag() + "-blocked";
        Files.createDirectories(output().resolve(blocked + ".wav"));
        Files.writeString(output().resolve(blocked + ".wav/keep.txt"), "not Nightcast's");
        Path csv = write(
                "blocked.csv",
                "episode_id,script\n" + blocked + ",Words with nowhere to go.\n" + tag()
                        + "-free,Words with a place.\n");

        // when
        RunResult result = run(params(csv, "concurrency", "1"));

        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_EPISODES_FAILED);
        assertThat(result.summary().failed()).isEqualTo(1);
        assertPublishedWav(tag() + "-free");
        assertThat(value(episodeRow(blocked), "status")).isEqualTo("FAILED");
        assertThat((String) value(episodeRow(blocked), "failure_reason")).contains(blocked + ".wav");
        assertThat(output().resolve(blocked + ".wav/keep.txt")).hasContent("not Nightcast's");
    }

    @Test
    void anInvalidEntryWhoseTextTheDatabaseCannotHoldIsStillRecordedAndTheRunGoesOn() throws Exception {
        // given an id with a NUL character, which PostgreSQL text cannot hold
        Path csv = write(
                "nul.csv", "episode_id,script\n" + tag() + "-bad\u0000id,Words.\n" + tag() + "-good,Good words.\n");

        // when
        RunResult result = run(params(csv));

        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_EPISODES_FAILED);
        assertPublishedWav(tag() + "-good");
        assertThat(jdbc.sql("SELECT episode_id FROM input_problem")
                        .query(String.class)
                        .list())
                .containsExactly(tag() + "-badid");
    }

    @Test
    void theSchemaHoldsEveryLengthValidationLetsThrough() {
        assertThat(columnLength("episode", "episode_id")).isGreaterThanOrEqualTo(EntryLimits.ID_LENGTH);
        assertThat(columnLength("episode_attempt", "episode_id")).isGreaterThanOrEqualTo(EntryLimits.ID_LENGTH);
        assertThat(columnLength("episode", "title")).isGreaterThanOrEqualTo(EntryLimits.TITLE_LENGTH);
        for (String column : new String[] {"source", "wav_path", "transcript_path", "subtitles_path"}) {
            assertThat(columnLength("episode", column)).as(column).isGreaterThanOrEqualTo(EntryLimits.PATH_LENGTH);
        }
        assertThat(columnLength("input_problem", "source")).isGreaterThanOrEqualTo(EntryLimits.PATH_LENGTH);
    }

    private long columnLength(String table, String column) {
        return jdbc.sql("""
                SELECT character_maximum_length FROM information_schema.columns
                WHERE LOWER(table_name) = :table AND LOWER(column_name) = :column
                  AND LOWER(table_schema) = LOWER(CURRENT_SCHEMA)""")
                .param("table", table)
                .param("column", column)
                .query(Long.class)
                .single();
    }
}
