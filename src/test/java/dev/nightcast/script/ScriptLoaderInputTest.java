package dev.nightcast.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.nightcast.input.InputException;

class ScriptLoaderInputTest {

    @TempDir
    Path dir;

    private final ScriptLoader loader = new ScriptLoader(new ScriptDefaults("marin", "", null));

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private static List<String> ids(List<ScriptEntry> entries) {
        return entries.stream().map(ScriptEntry::id).toList();
    }

    @Test
    void aFolderLoadsItsCsvAndMarkdownFilesSortedByNameAndRowsInOrder() throws IOException {
        write("input/b.md", "B.");
        write("input/a.csv", "episode_id,script\nrow2,Two.\nrow1,One.\n");
        write("input/c.MD", "C.");
        write("input/notes.txt", "not an episode");
        write("input/.hidden.md", "editor backup");
        write("input/sub/d.md", "not directly in the folder");

        List<ScriptEntry> entries = loader.load(dir.resolve("input").toString());

        assertThat(ids(entries)).containsExactly("row2", "row1", "b", "c");
        assertThat(entries).allMatch(EpisodeScript.class::isInstance);
    }

    @Test
    void aGlobMatchesFilesInItsFolder() throws IOException {
        write("input/b.md", "B.");
        write("input/a.md", "A.");
        write("input/c.csv", "episode_id,script\nc,C.\n");

        assertThat(ids(loader.load(dir + "/input/*.md"))).containsExactly("a", "b");
    }

    @Test
    void aDoubleStarGlobSearchesSubfoldersIncludingTheTopOne() throws IOException {
        write("scripts/top.csv", "episode_id,script\ntop,T.\n");
        write("scripts/season1/s1.csv", "episode_id,script\ns1,S.\n");
        write("scripts/season1/deep/d.csv", "episode_id,script\nd,D.\n");
        write("scripts/season1-b/b.csv", "episode_id,script\nb,B.\n");
        write("scripts/season1/notes.md", "not matched by *.csv");

        // Sorted folder by folder: season1/deep/d.csv, season1/s1.csv, season1-b/b.csv, top.csv
        assertThat(ids(loader.load(dir + "/scripts/**/*.csv"))).containsExactly("d", "s1", "b", "top");
    }

    @Test
    void relativeInputsResolveAgainstTheWorkingDirectory() throws IOException {
        write("input/a.md", "A.");
        write("input/list.csv", "episode_id,script\nx,X.\n");
        ScriptLoader relative = new ScriptLoader(new ScriptDefaults("marin", "", null), dir);

        assertThat(ids(relative.load("input/*.md"))).containsExactly("a");
        assertThat(ids(relative.load("input"))).containsExactly("a", "x");
        assertThat(ids(relative.load("input/list.csv"))).containsExactly("x");
        assertThat(ids(relative.load("**/*.csv"))).containsExactly("x");
    }

    @Test
    void aGlobThatMatchesNothingFailsNamingThePattern() throws IOException {
        write("input/a.txt", "A.");

        assertThatThrownBy(() -> loader.load(dir + "/input/*.md"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining(dir + "/input/*.md")
                .hasMessageContaining("matches no .csv or .md file");
        assertThatThrownBy(() -> loader.load(dir + "/nowhere/*.md"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("matches no .csv or .md file");
    }

    @Test
    void aFolderWithoutScriptsFails() throws IOException {
        write("input/a.txt", "A.");

        assertThatThrownBy(() -> loader.load(dir.resolve("input").toString()))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("contains no .csv or .md file");
    }

    @Test
    void aMissingInputFailsNamingIt() {
        String missing = dir.resolve("missing.csv").toString();

        assertThatThrownBy(() -> loader.load(missing))
                .isInstanceOf(InputException.class)
                .hasMessageContaining(missing)
                .hasMessageContaining("does not exist");
    }

    @Test
    void aFileOfAnotherTypeFails() throws IOException {
        Path txt = write("episodes.txt", "x");

        assertThatThrownBy(() -> loader.load(txt.toString()))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("is not a .csv or .md file");
    }

    @Test
    void aBlankInputFails() {
        assertThatThrownBy(() -> loader.load(" "))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("No input");
    }

    @Test
    void duplicateIdsAcrossFilesFailTheLaterOne() throws IOException {
        Path csv = write("input/a.csv", "episode_id,script\nep1,From CSV.\n");
        Path md = write("input/b.md", "---\nid: ep1\n---\nFrom markdown.\n");

        List<ScriptEntry> entries = loader.load(dir.resolve("input").toString());

        assertThat(((EpisodeScript) entries.get(0)).text()).isEqualTo("From CSV.");
        InvalidScript later = (InvalidScript) entries.get(1);
        assertThat(later.source()).isEqualTo(new SourceLocation(md, 1));
        assertThat(later.reason()).isEqualTo("duplicate episode id 'ep1': already used at " + csv + ":2");
    }

    @Test
    void aLaterDuplicateOfAnInvalidEntryStillFailsSoTheOrderDecides() throws IOException {
        write("input/a.csv", "episode_id,voice,script\nep1,fable,Bad voice.\nep1,,Good.\n");

        List<ScriptEntry> entries = loader.load(dir.resolve("input").toString());

        assertThat(entries).allMatch(InvalidScript.class::isInstance);
        assertThat(((InvalidScript) entries.get(1)).reason()).contains("duplicate episode id 'ep1'");
    }

    @Test
    void theReturnedListIsImmutable() throws IOException {
        Path md = write("a.md", "A.");

        List<ScriptEntry> entries = loader.load(md.toString());

        assertThatThrownBy(() -> entries.add(entries.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }
}
