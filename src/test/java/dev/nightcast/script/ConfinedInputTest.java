package dev.nightcast.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A script is read only from inside the input: a {@code script_file}, or a file found in a folder
 * or by a glob, whose real path (links followed) lies outside is an invalid entry and is never
 * read. The input is the folder for a folder input, the glob's base folder (its part before the
 * first glob character) for a glob, and the file's folder for a single file; a CSV's
 * {@code script_file} may also come from the CSV's own folder.
 */
class ConfinedInputTest {

    private static final String SECRET = "TOP SECRET words that must never be narrated";

    @TempDir
    Path dir;

    private final ScriptLoader loader = new ScriptLoader(new ScriptDefaults("marin", "", null));

    @BeforeEach
    void secretsOutsideTheInput() throws IOException {
        write("secret.txt", SECRET);
        write("secret.md", SECRET);
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private Path link(String name, String target) throws IOException {
        Path link = dir.resolve(name);
        Files.createDirectories(link.getParent());
        return Files.createSymbolicLink(link, Path.of(target));
    }

    private static InvalidScript invalid(ScriptEntry entry) {
        assertThat(entry).isInstanceOf(InvalidScript.class);
        return (InvalidScript) entry;
    }

    private static void assertNothingSecretWasRead(List<ScriptEntry> entries) {
        assertThat(entries)
                .filteredOn(EpisodeScript.class::isInstance)
                .allSatisfy(entry -> assertThat(((EpisodeScript) entry).text()).doesNotContain("SECRET"));
    }

    @Test
    void aScriptFileThatClimbsOutOfTheInputIsAnInvalidEntryAndIsNeverRead() throws IOException {
        // given
        Path csv = write("in/episodes.csv", """
                episode_id,script_file
                climb,../secret.txt
                deep-climb,../../../../../../../../..%s
                """.formatted(dir.resolve("secret.txt")));

        // when
        List<ScriptEntry> entries = loader.load(dir.resolve("in").toString());

        // then
        assertThat(entries).hasSize(2);
        assertThat(invalid(entries.get(0)).source()).isEqualTo(new SourceLocation(csv, 2));
        assertThat(invalid(entries.get(0)).reason())
                .contains("script_file '../secret.txt'")
                .contains("outside");
        assertThat(invalid(entries.get(1)).source()).isEqualTo(new SourceLocation(csv, 3));
        assertNothingSecretWasRead(entries);
    }

    @Test
    void anAbsoluteScriptFileOutsideTheInputIsInvalidEvenUnderProc() throws IOException {
        // given
        write("in/episodes.csv", """
                episode_id,script_file
                absolute,%s
                environ,/proc/self/environ
                passwd,/etc/passwd
                """.formatted(dir.resolve("secret.txt")));

        // when
        List<ScriptEntry> entries = loader.load(dir.resolve("in").toString());

        // then
        assertThat(entries)
                .hasSize(3)
                .allSatisfy(entry -> assertThat(invalid(entry).reason()).contains("outside"));
    }

    @Test
    void aLinkInsideTheInputThatLeadsOutIsInvalidButOneThatStaysInsideIsRead() throws IOException {
        // given
        write("in/real/inside.txt", "Words from inside.");
        link("in/leak.txt", "../secret.txt");
        link("in/fine.txt", "real/inside.txt");
        link("in/real-folder", "real");
        write("in/episodes.csv", """
                episode_id,script_file
                leak,leak.txt
                fine,fine.txt
                through-folder-link,real-folder/inside.txt
                """);

        // when
        List<ScriptEntry> entries = loader.load(dir.resolve("in/episodes.csv").toString());

        // then
        assertThat(invalid(entries.get(0)).reason()).contains("leak.txt").contains("outside");
        assertThat(((EpisodeScript) entries.get(1)).text()).isEqualTo("Words from inside.");
        assertThat(((EpisodeScript) entries.get(2)).text()).isEqualTo("Words from inside.");
        assertNothingSecretWasRead(entries);
    }

    @Test
    void aSingleCsvInputMayReadScriptsBelowItsFolderButNotBesideIt() throws IOException {
        // given
        write("in/season/one.txt", "Episode one.");
        Path csv = write("in/episodes.csv", """
                episode_id,script_file
                one,season/one.txt
                beside,../secret.txt
                """);

        // when
        List<ScriptEntry> entries = loader.load(csv.toString());

        // then
        assertThat(((EpisodeScript) entries.get(0)).text()).isEqualTo("Episode one.");
        assertThat(invalid(entries.get(1)).reason()).contains("outside");
    }

    @Test
    void aCsvFoundByAGlobMayReadScriptsAnywhereUnderTheGlobBase() throws IOException {
        // given
        write("in/shared/intro.txt", "Shared intro.");
        write("in/season1/episodes.csv", """
                episode_id,script_file
                intro,../shared/intro.txt
                out,../../secret.txt
                """);

        // when
        List<ScriptEntry> entries = loader.load(dir + "/in/*/episodes.csv");

        // then
        assertThat(((EpisodeScript) entries.get(0)).text()).isEqualTo("Shared intro.");
        assertThat(invalid(entries.get(1)).reason()).contains("outside");
    }

    @Test
    void aMarkdownLinkInAFolderThatLeadsOutsideIsReportedAndNotRead() throws IOException {
        // given
        write("in/good.md", "Good words.");
        link("in/leak.md", "../secret.md");

        // when
        List<ScriptEntry> entries = loader.load(dir.resolve("in").toString());

        // then
        assertThat(entries).extracting(ScriptEntry::id).containsExactly("good", "leak");
        InvalidScript leak = invalid(entries.get(1));
        assertThat(leak.source().file()).isEqualTo(dir.resolve("in/leak.md"));
        assertThat(leak.reason()).contains("outside");
        assertNothingSecretWasRead(entries);
    }

    @Test
    void aMarkdownLinkMatchedByAGlobThatLeadsOutsideIsReportedAndNotRead() throws IOException {
        // given
        write("in/a/good.md", "Good words.");
        write("in/b/target.md", "Linked words.");
        link("in/a/leak.md", "../../secret.md");
        link("in/a/linked.md", "../b/target.md");

        // when
        List<ScriptEntry> entries = loader.load(dir + "/in/**/*.md");

        // then
        assertThat(entries).extracting(ScriptEntry::id).containsExactly("good", "leak", "linked", "target");
        assertThat(invalid(entries.get(1)).reason()).contains("outside");
        assertThat(((EpisodeScript) entries.get(2)).text()).isEqualTo("Linked words.");
        assertNothingSecretWasRead(entries);
    }
}
