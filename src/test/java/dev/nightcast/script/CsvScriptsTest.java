package dev.nightcast.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.nightcast.input.InputException;

class CsvScriptsTest {

    @TempDir
    Path dir;

    private final ScriptLoader loader = new ScriptLoader(new ScriptDefaults("marin", "Warm and calm.", null));

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private List<ScriptEntry> load(Path file) {
        return loader.load(file.toString());
    }

    private static EpisodeScript episode(ScriptEntry entry) {
        assertThat(entry).isInstanceOf(EpisodeScript.class);
        return (EpisodeScript) entry;
    }

    private static InvalidScript invalid(ScriptEntry entry) {
        assertThat(entry).isInstanceOf(InvalidScript.class);
        return (InvalidScript) entry;
    }

    @Test
    void readsEveryColumnOfAWellFormedRow() throws IOException {
        Path csv = write("episodes.csv", """
                episode_id,title,voice,instructions,script
                ep001,Welcome,cedar,Upbeat.,Hello and welcome.
                """);

        List<ScriptEntry> entries = load(csv);

        assertThat(entries)
                .containsExactly(new EpisodeScript(
                        "ep001", "Welcome", "cedar", "Upbeat.", "Hello and welcome.", new SourceLocation(csv, 2)));
    }

    @Test
    void descriptionPublishedExplicitAndImageColumnsGiveTheFeedItsValuesAndAMarkdownScriptFileFillsEmptyCells()
            throws IOException {
        write(
                "ep2.md",
                "---\ndescription: From the file.\ndate: 2026-02-02\nimage: https://e.example.org/2.png\n---\n"
                        + "Text two.\n");
        Path csv = write("feed.csv", """
                episode_id,script,script_file,description,published,explicit,image
                ep1,Text one.,,"About one, with a comma.",2026-01-01T05:00:00Z,true,https://e.example.org/1.png
                ep2,,ep2.md,,,no,
                ep3,Text three.,,,,,
                """);

        List<ScriptEntry> entries = load(csv);

        assertThat(episode(entries.get(0)).listing())
                .isEqualTo(new EpisodeListing(
                        "About one, with a comma.",
                        java.time.Instant.parse("2026-01-01T05:00:00Z"),
                        true,
                        "https://e.example.org/1.png"));
        assertThat(episode(entries.get(1)).listing())
                .isEqualTo(new EpisodeListing(
                        "From the file.",
                        java.time.Instant.parse("2026-02-02T00:00:00Z"),
                        false,
                        "https://e.example.org/2.png"));
        assertThat(episode(entries.get(2)).listing()).isEqualTo(EpisodeListing.NONE);
    }

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks() throws IOException {
        Path csv = write(
                "episodes.csv",
                "episode_id,title,script\n"
                        + "ep1,\"Coffee, Tea and \"\"Us\"\"\",\"She said, \"\"hi.\"\"\n\nThen left.\"\n");

        EpisodeScript episode = episode(load(csv).get(0));

        assertThat(episode.title()).isEqualTo("Coffee, Tea and \"Us\"");
        assertThat(episode.text()).isEqualTo("She said, \"hi.\"\n\nThen left.");
    }

    @Test
    void aByteOrderMarkDoesNotHideTheFirstColumn() throws IOException {
        Path csv = write("bom.csv", "\uFEFFepisode_id,script\nep1,Text.\n");

        assertThat(episode(load(csv).get(0)).id()).isEqualTo("ep1");
    }

    @Test
    void crlfLineEndingsAreAcceptedAndLinesStillCount() throws IOException {
        Path csv = write("crlf.csv", "episode_id,script\r\nep1,\"One\r\n\r\nTwo\"\r\nep2,Three.\r\n");

        List<ScriptEntry> entries = load(csv);

        assertThat(episode(entries.get(0)).text()).isEqualTo("One\n\nTwo");
        assertThat(entries).extracting(e -> e.source().line()).containsExactly(2, 5);
    }

    @Test
    void eachRowReportsTheLineItStartsOnEvenAfterMultiLineFields() throws IOException {
        Path csv = write("lines.csv", """
                episode_id,script
                ep1,"first line
                second line
                third line"
                ep2,Short.
                ,"another
                multi-line"
                bad id,Text.
                """);

        List<ScriptEntry> entries = load(csv);

        assertThat(entries).extracting(e -> e.source().line()).containsExactly(2, 5, 6, 8);
        assertThat(invalid(entries.get(2)).reason()).contains("the episode id is missing");
        assertThat(invalid(entries.get(3)).source()).isEqualTo(new SourceLocation(csv, 8));
        assertThat(entries.get(3).source()).hasToString(csv + ":8");
    }

    @Test
    void headerNamesAreTrimmedAndCaseInsensitiveAndExtraColumnsAreIgnored() throws IOException {
        Path csv = write("header.csv", " Episode_ID ,NOTES, Script \nep1,internal note,Text.\n");

        EpisodeScript episode = episode(load(csv).get(0));

        assertThat(episode.id()).isEqualTo("ep1");
        assertThat(episode.text()).isEqualTo("Text.");
    }

    @Test
    void fullyEmptyRowsAreSkipped() throws IOException {
        Path csv = write("gaps.csv", "episode_id,script\n\nep1,One.\n,\n  ,  \nep2,Two.\n");

        List<ScriptEntry> entries = load(csv);

        assertThat(entries).extracting(ScriptEntry::id).containsExactly("ep1", "ep2");
        assertThat(entries).extracting(e -> e.source().line()).containsExactly(3, 6);
    }

    @Test
    void emptyCellsTakeTheDefaultsAndTheTitleFallsBackToTheId() throws IOException {
        Path csv = write("defaults.csv", "episode_id,title,voice,instructions,script\nep1,,,,Text.\n");

        EpisodeScript episode = episode(load(csv).get(0));

        assertThat(episode.title()).isEqualTo("ep1");
        assertThat(episode.voice()).isEqualTo("marin");
        assertThat(episode.instructions()).isEqualTo("Warm and calm.");
    }

    @Test
    void missingDefaultInstructionsBecomeEmpty() throws IOException {
        Path csv = write("defaults.csv", "episode_id,script\nep1,Text.\n");

        EpisodeScript episode = episode(new ScriptLoader(new ScriptDefaults("alloy", null, null))
                .load(csv.toString())
                .get(0));

        assertThat(episode.instructions()).isEmpty();
        assertThat(episode.voice()).isEqualTo("alloy");
    }

    @Test
    void voicesAreTrimmedAndLowerCased() throws IOException {
        Path csv = write("voice.csv", "episode_id,voice,script\nep1, Cedar ,Text.\n");

        assertThat(episode(load(csv).get(0)).voice()).isEqualTo("cedar");
    }

    @Test
    void plainScriptTextIsNormalisedToParagraphsSeparatedByOneBlankLine() throws IOException {
        Path csv = write("wrap.csv", "episode_id,script\nep1,\"  A hard-wrapped\nsentence.\n\n\n\nNext   para. \"\n");

        assertThat(episode(load(csv).get(0)).text()).isEqualTo("A hard-wrapped sentence.\n\nNext para.");
    }

    @Test
    void missingEpisodeIdColumnFailsTheWholeFileNamingFileAndColumn() throws IOException {
        Path csv = write("noid.csv", "id,script\nep1,Text.\n");

        assertThatThrownBy(() -> load(csv))
                .isInstanceOf(InputException.class)
                .hasMessageContaining(csv.toString())
                .hasMessageContaining("missing column 'episode_id'")
                .hasMessageContaining("found: id, script");
    }

    @Test
    void missingScriptColumnsFailTheWholeFileNamingBothAlternatives() throws IOException {
        Path csv = write("noscript.csv", "episode_id,text\nep1,Text.\n");

        assertThatThrownBy(() -> load(csv))
                .isInstanceOf(InputException.class)
                .hasMessageContaining(csv.toString())
                .hasMessageContaining("'script' or 'script_file'");
    }

    @Test
    void anEmptyCsvFailsTheWholeFile() throws IOException {
        Path csv = write("empty.csv", "");

        assertThatThrownBy(() -> load(csv))
                .isInstanceOf(InputException.class)
                .hasMessageContaining(csv.toString())
                .hasMessageContaining("empty");
    }

    @Test
    void aCsvThatIsNotUtf8FailsTheWholeFileNamingTheLine() throws IOException {
        Path csv = dir.resolve("latin1.csv");
        Files.write(csv, "episode_id,script\nep1,Caf\u00e9 time.\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> load(csv))
                .isInstanceOf(InputException.class)
                .hasMessageContaining(csv.toString())
                .hasMessageContaining("not valid UTF-8")
                .hasMessageContaining("line 2");
    }

    @Test
    void unparseableQuotingFailsTheWholeFile() throws IOException {
        Path csv = write("broken.csv", "episode_id,script\nep1,\"quoted\"trailing\n");

        assertThatThrownBy(() -> load(csv)).isInstanceOf(InputException.class).hasMessageContaining(csv.toString());
    }

    @Test
    void anUnclosedQuoteFailsTheWholeFileInsteadOfSwallowingTheRowsAfterIt() throws IOException {
        Path csv = write(
                "unclosed.csv", "episode_id,script\nep1,\"Fine, \"\"quoted\"\".\"\nep2,\"never closed\nep3,Text.\n");

        assertThatThrownBy(() -> load(csv))
                .isInstanceOf(InputException.class)
                .hasMessageContaining(csv.toString())
                .hasMessageContaining("opened on line 3 is never closed");
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsJustACharacter() throws IOException {
        Path csv = write("inch.csv", "episode_id,script\nep1,A 5\" record.\nep2,Next.\n");

        assertThat(load(csv)).extracting(ScriptEntry::id).containsExactly("ep1", "ep2");
        assertThat(episode(load(csv).get(0)).text()).isEqualTo("A 5\" record.");
    }

    @Test
    void aDuplicatedKnownColumnFailsTheWholeFile() throws IOException {
        Path csv = write("twice.csv", "episode_id,script,Script\nep1,a,b\n");

        assertThatThrownBy(() -> load(csv))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("'script' appears more than once");
    }

    @Test
    void eachKindOfBadRowFailsAloneWithItsLineWhileTheOthersLoad() throws IOException {
        Path csv = write("mixed.csv", """
                episode_id,voice,script,script_file
                good1,,Fine.,
                ,,No id.,
                ../escape,,Bad id.,
                empty,,"   ",
                neither,,,
                both,,Text.,x.txt
                lost,,,scripts/missing.txt
                voiced,fable,Text.,
                good2,,Also fine.,
                """);

        List<ScriptEntry> entries = load(csv);

        assertThat(entries).extracting(e -> e.source().line()).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(episode(entries.get(0)).id()).isEqualTo("good1");
        assertThat(invalid(entries.get(1)).reason()).isEqualTo("the episode id is missing");
        assertThat(invalid(entries.get(2)).reason()).contains("'../escape'").contains("'/'");
        assertThat(invalid(entries.get(3)).reason()).contains("both script and script_file are empty");
        assertThat(invalid(entries.get(4)).reason()).contains("both script and script_file are empty");
        assertThat(invalid(entries.get(5)).reason()).contains("both script and script_file are filled");
        assertThat(invalid(entries.get(6)).reason())
                .contains("script_file 'scripts/missing.txt' not found")
                .contains(dir.resolve("scripts/missing.txt").toString());
        assertThat(invalid(entries.get(7)).reason())
                .contains("unknown voice 'fable'")
                .contains("alloy, ash, ballad, cedar, coral, echo, marin, sage, shimmer, verse");
        assertThat(episode(entries.get(8)).id()).isEqualTo("good2");
    }

    @Test
    void aRowWithMoreFieldsThanTheHeaderFailsBecauseTextWouldBeLost() throws IOException {
        Path csv = write("commas.csv", "episode_id,script\nep1,Hello, world\nep2,Fine.,\n");

        List<ScriptEntry> entries = load(csv);

        assertThat(invalid(entries.get(0)).reason())
                .contains("3 fields but the header has 2 columns")
                .contains("double quotes");
        assertThat(episode(entries.get(1)).text()).isEqualTo("Fine.");
    }

    @Test
    void aShortRowTreatsTheMissingCellsAsEmpty() throws IOException {
        Path csv = write("short.csv", "episode_id,script,title\nep1,Text.\n");

        assertThat(episode(load(csv).get(0)).title()).isEqualTo("ep1");
    }

    @Test
    void severalProblemsInOneRowAreReportedTogether() throws IOException {
        Path csv = write("many.csv", "episode_id,voice,script\na/b,nova,\n");

        InvalidScript row = invalid(load(csv).get(0));

        assertThat(row.id()).isEqualTo("a/b");
        assertThat(row.reason())
                .contains("the script cell is empty")
                .contains("'a/b'")
                .contains("unknown voice 'nova'");
    }

    @Test
    void noVoiceAnywhereIsAnInvalidRow() throws IOException {
        Path csv = write("novoice.csv", "episode_id,script\nep1,Text.\n");

        InvalidScript row = invalid(new ScriptLoader(new ScriptDefaults(null, null, null))
                .load(csv.toString())
                .get(0));

        assertThat(row.reason()).contains("no voice").contains("no default voice is configured");
    }

    @Test
    void aLaterDuplicateIdFailsNamingWhereTheFirstOneIs() throws IOException {
        Path csv = write("dupes.csv", "episode_id,script\nep1,First.\nep2,Other.\nep1,Second.\nEP1,Third.\n");

        List<ScriptEntry> entries = load(csv);

        assertThat(episode(entries.get(0)).text()).isEqualTo("First.");
        assertThat(entries.get(1)).isInstanceOf(EpisodeScript.class);
        assertThat(invalid(entries.get(2)).reason())
                .isEqualTo("duplicate episode id 'ep1': already used at " + csv + ":2");
        assertThat(invalid(entries.get(3)).reason())
                .contains("already used at " + csv + ":2 as 'ep1'")
                .contains("differ only in case");
    }

    @Test
    void scriptFileIsReadRelativeToTheCsvFolderAsPlainText() throws IOException {
        write("in/scripts/ep1.txt", "\uFEFFFirst paragraph,\nwrapped.\r\n\r\nSecond *stays* as is.\n");
        Path csv = write("in/episodes.csv", "episode_id,script_file\nep1,scripts/ep1.txt\n");

        EpisodeScript episode = episode(load(csv).get(0));

        assertThat(episode.text()).isEqualTo("First paragraph, wrapped.\n\nSecond *stays* as is.");
    }

    @Test
    void aMarkdownScriptFileIsConvertedAndItsFrontMatterFillsEmptyCells() throws IOException {
        write("in/scripts/ep1.md", """
                ---
                id: ignored-here
                title: From Front Matter
                voice: cedar
                instructions: Slow.
                ---
                # Heading

                Some **bold** text and a [link](https://x.example).
                """);
        Path csv = write(
                "in/episodes.csv",
                "episode_id,title,voice,script_file\nep1,,,scripts/ep1.md\n" + "ep2,CSV Title,alloy,scripts/ep1.md\n");

        List<ScriptEntry> entries = load(csv);

        Path md = dir.resolve("in/scripts/ep1.md");
        assertThat(entries.get(0))
                .isEqualTo(new EpisodeScript(
                        "ep1",
                        "From Front Matter",
                        "cedar",
                        "Slow.",
                        1.0,
                        List.of(new Passage(
                                null,
                                "cedar",
                                "Heading.\n\nSome bold text and a link.",
                                true,
                                new SourceLocation(md, 7),
                                "Heading")),
                        new SourceLocation(csv, 2)));
        EpisodeScript second = episode(entries.get(1));
        assertThat(second.title()).isEqualTo("CSV Title");
        assertThat(second.voice()).isEqualTo("alloy");
    }

    @Test
    void aMarkdownScriptFileWithoutTitleUsesItsFirstHeading() throws IOException {
        write("scripts/ep1.md", "Intro.\n\n## The Real Title\n\nBody.\n");
        Path csv = write("episodes.csv", "episode_id,script_file\nep1,scripts/ep1.md\n");

        assertThat(episode(load(csv).get(0)).title()).isEqualTo("The Real Title");
    }

    @Test
    void aScriptFileWithNothingToSayIsAnInvalidRow() throws IOException {
        write("scripts/code.md", "```\nonly code\n```\n");
        write("scripts/blank.txt", "  \n\n ");
        Path csv = write("episodes.csv", "episode_id,script_file\nep1,scripts/code.md\nep2,scripts/blank.txt\n");

        List<ScriptEntry> entries = load(csv);

        assertThat(invalid(entries.get(0)).reason()).isEqualTo("script_file 'scripts/code.md' has no text to narrate");
        assertThat(invalid(entries.get(1)).reason())
                .isEqualTo("script_file 'scripts/blank.txt' has no text to narrate");
    }

    @Test
    void aScriptFileThatIsAFolderOrNotUtf8IsAnInvalidRow() throws IOException {
        Files.createDirectories(dir.resolve("scripts/folder.txt"));
        Files.write(dir.resolve("scripts/latin1.txt"), "Caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        Path csv = write("episodes.csv", "episode_id,script_file\nep1,scripts/folder.txt\nep2,scripts/latin1.txt\n");

        List<ScriptEntry> entries = load(csv);

        assertThat(invalid(entries.get(0)).reason()).contains("'scripts/folder.txt' is a folder");
        assertThat(invalid(entries.get(1)).reason()).contains("'scripts/latin1.txt' is not valid UTF-8");
    }

    @Test
    void aScriptFileWithBrokenFrontMatterIsAnInvalidRow() throws IOException {
        write("scripts/bad.md", "---\ntitle: [unclosed\n---\nText.\n");
        Path csv = write("episodes.csv", "episode_id,script_file\nep1,scripts/bad.md\n");

        assertThat(invalid(load(csv).get(0)).reason())
                .contains("script_file 'scripts/bad.md'")
                .contains("not valid YAML");
    }
}
