package dev.nightcast.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the database and the file system hold, validation lets through, and nothing more. */
class EntryLimitsTest {

    @TempDir
    Path dir;

    private final ScriptLoader loader = new ScriptLoader(new ScriptDefaults("marin", "", null));

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aTitleLongerThanTheLimitIsAnInvalidEntryWithFileAndLine() throws IOException {
        // given
        String longest = "\u00e9".repeat(EntryLimits.TITLE_LENGTH);
        Path csv = write(
                "episodes.csv",
                "episode_id,title,script\nfits," + longest + ",Words.\ntoo-long," + longest + "x,Words.\n");

        // when
        List<ScriptEntry> entries = loader.load(csv.toString());

        // then
        assertThat(((EpisodeScript) entries.get(0)).title()).isEqualTo(longest);
        assertThat(entries.get(1)).isInstanceOf(InvalidScript.class);
        InvalidScript tooLong = (InvalidScript) entries.get(1);
        assertThat(tooLong.source()).isEqualTo(new SourceLocation(csv, 3));
        assertThat(tooLong.reason())
                .contains("title")
                .contains((EntryLimits.TITLE_LENGTH + 1) + " characters")
                .contains("at most " + EntryLimits.TITLE_LENGTH);
    }

    @Test
    void aHeadingUsedAsTitleFollowsTheSameLimit() throws IOException {
        // given
        Path md = write("long-heading.md", "# " + "word ".repeat(EntryLimits.TITLE_LENGTH) + "\n\nText.\n");

        // when
        List<ScriptEntry> entries = loader.load(md.toString());

        // then
        assertThat(entries.get(0)).isInstanceOf(InvalidScript.class);
        assertThat(((InvalidScript) entries.get(0)).reason()).contains("title");
    }

    @Test
    void theLongestIdIsValidAndOneMoreIsNot() {
        assertThat(EpisodeIds.problem("a".repeat(EntryLimits.ID_LENGTH))).isNull();
        assertThat(EpisodeIds.problem("a".repeat(EntryLimits.ID_LENGTH + 1)))
                .contains("at most " + EntryLimits.ID_LENGTH);
    }
}
