package dev.nightcast.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class MarkdownScriptsTest {

    @TempDir
    Path dir;

    private final ScriptLoader loader = new ScriptLoader(new ScriptDefaults("marin", "Warm and calm.", null));

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private ScriptEntry loadOne(Path file) {
        var entries = loader.load(file.toString());
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    @Test
    void frontMatterSuppliesIdTitleVoiceAndInstructions() throws IOException {
        Path md = write("whatever.md", """
                ---
                id: ep004-tides
                title: "Tides: A Primer"
                voice: Cedar
                instructions: Gentle, unhurried.
                speed: 1.1
                ---
                # Heading

                Body with *emphasis*.
                """);

        assertThat(loadOne(md))
                .isEqualTo(new EpisodeScript(
                        "ep004-tides",
                        "Tides: A Primer",
                        "cedar",
                        "Gentle, unhurried.",
                        1.1,
                        List.of(new Passage(
                                null,
                                "cedar",
                                "Heading.\n\nBody with emphasis.",
                                true,
                                new SourceLocation(md, 8),
                                "Heading")),
                        new SourceLocation(md, 1)));
    }

    @Test
    void frontMatterGivesTheFeedItsDescriptionDateExplicitFlagAndImage() throws IOException {
        Path md = write("ep5.md", """
                ---
                description: |
                  What the night holds.

                  A second paragraph.
                date: 2026-03-01
                explicit: yes
                image: https://cdn.example.org/ep5.jpg
                ---
                Text.
                """);
        Path timed = write("ep6.md", "---\ndate: 2026-03-01 06:30:00+02:00\nexplicit: false\n---\nText.\n");

        assertThat(((EpisodeScript) loadOne(md)).listing())
                .isEqualTo(new EpisodeListing(
                        "What the night holds.\n\nA second paragraph.",
                        java.time.Instant.parse("2026-03-01T00:00:00Z"),
                        true,
                        "https://cdn.example.org/ep5.jpg"));
        assertThat(((EpisodeScript) loadOne(timed)).listing())
                .isEqualTo(new EpisodeListing(null, java.time.Instant.parse("2026-03-01T04:30:00Z"), false, null));
    }

    @Test
    void aBadDateExplicitFlagImageOrAnOverlongDescriptionInvalidatesTheEpisodeNamingEachBeforeAnythingIsPaid()
            throws IOException {
        Path md = write(
                "ep7.md",
                "---\ndate: next tuesday\nexplicit: maybe\nimage: javascript:alert(1)\n" + "description: "
                        + "x".repeat(4001) + "\n---\nText.\n");

        InvalidScript invalid = (InvalidScript) loadOne(md);

        assertThat(invalid.reason())
                .contains("date 'next tuesday' must be a date such as 2026-03-01")
                .contains("explicit 'maybe' must be true or false")
                .contains("image 'javascript:alert(1)' must be an http(s) URL")
                .contains("the description is 4001 characters long; at most 4000");
    }

    @Test
    void withoutFrontMatterTheIdIsTheFileNameAndTheTitleTheFirstHeading() throws IOException {
        Path md = write("ep010-night-owls.md", "Intro line.\n\n# Night Owls\n\nText.\n");

        EpisodeScript episode = (EpisodeScript) loadOne(md);

        assertThat(episode.id()).isEqualTo("ep010-night-owls");
        assertThat(episode.title()).isEqualTo("Night Owls");
        assertThat(episode.voice()).isEqualTo("marin");
        assertThat(episode.instructions()).isEqualTo("Warm and calm.");
        assertThat(episode.text()).isEqualTo("Intro line.\n\nNight Owls.\n\nText.");
    }

    @Test
    void withoutAnyHeadingTheTitleIsTheId() throws IOException {
        Path md = write("plain.md", "---\nvoice: alloy\n---\nJust text.\n");

        assertThat(((EpisodeScript) loadOne(md)).title()).isEqualTo("plain");
    }

    @Test
    void emptyFrontMatterIsAllowed() throws IOException {
        Path md = write("ep1.md", "---\n---\nText.\n");

        assertThat(((EpisodeScript) loadOne(md)).text()).isEqualTo("Text.");
    }

    @Test
    void crlfAndByteOrderMarkAreAccepted() throws IOException {
        Path md = write("ep1.md", "\uFEFF---\r\ntitle: T\r\n---\r\nLine one\r\nline two.\r\n");

        EpisodeScript episode = (EpisodeScript) loadOne(md);

        assertThat(episode.title()).isEqualTo("T");
        assertThat(episode.text()).isEqualTo("Line one line two.");
    }

    @Test
    void malformedYamlIsAnInvalidScriptNamingFileAndLine() throws IOException {
        Path md = write("ep1.md", "---\ntitle: ok\nvoice: [unclosed\n---\nText.\n");

        InvalidScript invalid = (InvalidScript) loadOne(md);

        assertThat(invalid.id()).isEqualTo("ep1");
        assertThat(invalid.source()).isEqualTo(new SourceLocation(md, 1));
        assertThat(invalid.reason())
                .contains(md.toString())
                .contains("not valid YAML")
                .containsPattern("line [34]");
    }

    @Test
    void unclosedFrontMatterIsAnInvalidScript() throws IOException {
        Path md = write("ep1.md", "---\ntitle: never closed\n\nText.\n");

        assertThat(((InvalidScript) loadOne(md)).reason()).contains("never closed");
    }

    @Test
    void frontMatterThatIsNotKeyValuePairsIsAnInvalidScript() throws IOException {
        Path md = write("ep1.md", "---\n- just\n- a list\n---\nText.\n");

        assertThat(((InvalidScript) loadOne(md)).reason()).contains("'key: value' lines");
    }

    @Test
    void aKnownKeyHoldingAListIsAnInvalidScript() throws IOException {
        Path md = write("ep1.md", "---\nvoice: [marin, cedar]\n---\nText.\n");

        assertThat(((InvalidScript) loadOne(md)).reason()).contains("'voice' must be a single value");
    }

    @Test
    void duplicateFrontMatterKeysAreAnInvalidScript() throws IOException {
        Path md = write("ep1.md", "---\nvoice: marin\nvoice: cedar\n---\nText.\n");

        assertThat(((InvalidScript) loadOne(md)).reason())
                .contains("not valid YAML")
                .contains("duplicate");
    }

    @Test
    void yamlTagsAreNotInstantiated() throws IOException {
        Path md = write("ep1.md", "---\ntitle: !!javax.script.ScriptEngineManager []\n---\nText.\n");

        assertThat(loadOne(md)).isInstanceOf(InvalidScript.class);
    }

    @Test
    void aNumericIdIsText() throws IOException {
        Path md = write("x.md", "---\nid: 42\n---\nText.\n");

        assertThat(loadOne(md).id()).isEqualTo("42");
    }

    @Test
    void anInvalidIdFromTheFileNameSaysSo() throws IOException {
        Path md = write("my episode.md", "Text.\n");

        InvalidScript invalid = (InvalidScript) loadOne(md);

        assertThat(invalid.id()).isEqualTo("my episode");
        assertThat(invalid.reason()).contains("a space");
    }

    @Test
    void anInvalidIdInFrontMatterIsAnInvalidScript() throws IOException {
        Path md = write("ok.md", "---\nid: ../../etc/x\n---\nText.\n");

        assertThat(((InvalidScript) loadOne(md)).reason()).contains("'../../etc/x'");
    }

    @Test
    void aFileWithNothingSpeakableIsAnInvalidScript() throws IOException {
        Path md = write("ep1.md", "---\ntitle: Only code\n---\n```\nprint()\n```\n<div>x</div>\n");

        assertThat(((InvalidScript) loadOne(md)).reason()).isEqualTo("the markdown file ep1.md has no text to narrate");
    }

    @Test
    void anUnknownVoiceIsAnInvalidScript() throws IOException {
        Path md = write("ep1.md", "---\nvoice: onyx\n---\nText.\n");

        assertThat(((InvalidScript) loadOne(md)).reason())
                .contains("unknown voice 'onyx'")
                .contains("marin");
    }

    @Test
    void aMarkdownFileThatIsNotUtf8IsAnInvalidScript() throws IOException {
        Path md = dir.resolve("ep1.md");
        Files.write(md, "Caf\u00e9.".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(((InvalidScript) loadOne(md)).reason()).contains("not valid UTF-8");
    }

    @Test
    void aLeadingThematicBreakIsNotFrontMatterWhenTextFollowsOnTheSameLine() throws IOException {
        Path md = write("ep1.md", "--- not front matter\n\nText.\n");

        assertThat(loadOne(md)).isInstanceOf(EpisodeScript.class);
    }

    @Test
    void frontMatterScalarsAreTheirTextAsWrittenNotNumbersOrBooleans() throws IOException {
        // given
        Path md = write("octal.md", """
                ---
                id: 010
                title: 0x1F
                instructions: yes
                ---
                Hello.
                """);

        // when
        EpisodeScript episode = (EpisodeScript) loadOne(md);

        // then
        assertThat(episode.id()).isEqualTo("010");
        assertThat(episode.title()).isEqualTo("0x1F");
        assertThat(episode.instructions()).isEqualTo("yes");
    }

    @Test
    void anExplicitNullInFrontMatterLeavesTheValueUnset() throws IOException {
        // given
        Path md = write("from-name.md", "---\nid: ~\ntitle: null\n---\n# Heading\n\nText.\n");

        // when
        EpisodeScript episode = (EpisodeScript) loadOne(md);

        // then
        assertThat(episode.id()).isEqualTo("from-name");
        assertThat(episode.title()).isEqualTo("Heading");
    }

    @Test
    void aDuplicateFrontMatterKeyIsStillAnInvalidEntryNamingTheLine() throws IOException {
        // given
        Path md = write("twice.md", "---\nvoice: alloy\nvoice: verse\n---\nText.\n");

        // when
        ScriptEntry entry = loadOne(md);

        // then
        assertThat(entry).isInstanceOf(InvalidScript.class);
        assertThat(((InvalidScript) entry).reason()).contains("voice").contains("line 3");
    }

    @Test
    void emphasisNestedTwoHundredThousandDeepIsReadAndTheOtherFilesStillLoad() throws IOException {
        // given
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/a-deep.md"), "*".repeat(200_000) + "Deep" + "*".repeat(200_000));
        Files.writeString(dir.resolve("in/b-fine.md"), "Fine words.");

        // when
        var entries = loader.load(dir.resolve("in").toString());

        // then
        assertThat(entries).extracting(ScriptEntry::id).containsExactly("a-deep", "b-fine");
        assertThat(((EpisodeScript) entries.get(0)).text()).contains("Deep");
        assertThat(entries.get(1)).isInstanceOf(EpisodeScript.class);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aParagraphOfUnclosedAngleBracketsIsReadWithoutHanging() throws IOException {
        // given: markdown 0.27 scanned the rest of the paragraph for every '<' (about 40 minutes for 4 MB)
        Path md = write("brackets.md", "<a ".repeat(150_000));

        // when
        ScriptEntry entry = loadOne(md);

        // then
        assertThat(((EpisodeScript) entry).text()).startsWith("<a <a");
    }
}
