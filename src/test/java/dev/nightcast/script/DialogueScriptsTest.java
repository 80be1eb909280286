package dev.nightcast.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two-host markdown: speaker labels become turns, each read in the voice the front matter maps it to. */
class DialogueScriptsTest {

    @TempDir
    Path dir;

    private final ScriptLoader loader = new ScriptLoader(new ScriptDefaults("marin", "", 1.0));

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private ScriptEntry loadOne(Path file) {
        List<ScriptEntry> entries = loader.load(file.toString());
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    @Test
    void labelledLinesAreTurnsReadInTheirSpeakersVoices() throws IOException {
        Path md = write("talk.md", """
                ---
                voice: cedar
                speakers:
                  HOST: alloy
                  GUEST: Verse
                ---
                # Night Talk

                Welcome to the show.

                HOST: Tonight we talk about owls.
                GUEST: Thanks for having me.
                **HOST:** Why owls?

                **GUEST**: Because they are awake
                when we are not.

                They also fly silently.

                ## Part two

                HOST:
                Let us go on.
                """);

        EpisodeScript episode = (EpisodeScript) loadOne(md);

        assertThat(episode.isDialogue()).isTrue();
        assertThat(episode.speakers()).containsExactly(Map.entry("HOST", "alloy"), Map.entry("GUEST", "verse"));
        assertThat(episode.passages())
                .extracting(Passage::speaker, Passage::voice, Passage::text, Passage::opensSection)
                .containsExactly(
                        tuple(null, "cedar", "Night Talk.\n\nWelcome to the show.", true),
                        tuple("HOST", "alloy", "Tonight we talk about owls.", false),
                        tuple("GUEST", "verse", "Thanks for having me.", false),
                        tuple("HOST", "alloy", "Why owls?", false),
                        tuple(
                                "GUEST",
                                "verse",
                                "Because they are awake when we are not.\n\nThey also fly silently.",
                                false),
                        tuple(null, "cedar", "Part two.", true),
                        tuple("HOST", "alloy", "Let us go on.", false));
        assertThat(episode.passages())
                .extracting(passage -> passage.source().line())
                .containsExactly(7, 11, 12, 13, 15, 20, 22);
        assertThat(episode.passages())
                .allSatisfy(passage -> assertThat(passage.source().file()).isEqualTo(md));
    }

    @Test
    void speakerNamesFromTheFrontMatterMatchInAnyCase() throws IOException {
        Path md = write("names.md", """
                ---
                speakers: {Alice: coral, Bob: ash}
                ---
                ALICE: Hi Bob.
                bob: Hi Alice.
                """);

        EpisodeScript episode = (EpisodeScript) loadOne(md);

        assertThat(episode.passages())
                .extracting(Passage::speaker, Passage::voice, Passage::text)
                .containsExactly(tuple("Alice", "coral", "Hi Bob."), tuple("Bob", "ash", "Hi Alice."));
    }

    @Test
    void anUnmappedLabelFailsTheEpisodeNamingFileAndLine() throws IOException {
        Path md = write("unmapped.md", """
                ---
                speakers:
                  HOST: alloy
                ---
                HOST: Hello.

                GUEST: Hello back.
                GUEST: Again.
                """);

        InvalidScript invalid = (InvalidScript) loadOne(md);

        assertThat(invalid.reason())
                .isEqualTo("speaker label 'GUEST' at " + md + ":7 has no voice: add it under"
                        + " speakers: in the front matter");
    }

    @Test
    void aDialogueWithoutSpeakersFailsInsteadOfBeingReadInOneVoice() throws IOException {
        Path md = write("forgot.md", "HOST: Hello.\n\nGUEST: Hello back.\n");

        InvalidScript invalid = (InvalidScript) loadOne(md);

        assertThat(invalid.reason())
                .contains("speaker label 'HOST' at " + md + ":1 has no voice")
                .contains("speaker label 'GUEST' at " + md + ":3")
                .contains("speakers: {HOST: alloy}");
    }

    @Test
    void anUnknownSpeakerVoiceFailsTheEpisodeBeforeAnyNarration() throws IOException {
        Path md = write("voice.md", "---\nspeakers: {HOST: alloy, GUEST: nova}\n---\nHOST: Hi.\nGUEST: Hi.\n");

        assertThat(((InvalidScript) loadOne(md)).reason())
                .isEqualTo("speakers: 'GUEST' has unknown voice 'nova';"
                        + " valid voices are alloy, ash, ballad, cedar, coral, echo, marin, sage, shimmer, verse");
    }

    @Test
    void speakersThatAreNotAMappingAreBadFrontMatter() throws IOException {
        Path md = write("list.md", "---\nspeakers: [HOST, GUEST]\n---\nHOST: Hi.\n");

        assertThat(((InvalidScript) loadOne(md)).reason())
                .contains("'speakers' must map each speaker label to a" + " voice");
    }

    @Test
    void aLoneCapitalisedNoteInAMonologueIsReadAsText() throws IOException {
        Path md = write("note.md", "The lamp was lit.\nNOTE: keepers wrote everything down.\n\nQ: Why? A: Duty.\n");

        EpisodeScript episode = (EpisodeScript) loadOne(md);

        assertThat(episode.isDialogue()).isFalse();
        assertThat(episode.text())
                .isEqualTo("The lamp was lit. NOTE: keepers wrote everything down.\n\n" + "Q: Why? A: Duty.");
    }

    @Test
    void aCsvRowCanPointAtADialogueAndKeepsItsVoiceAsTheNarrators() throws IOException {
        write("in/talk.md", "---\nspeakers: {HOST: alloy, GUEST: verse}\nspeed: 0.9\n---\nHOST: One.\nGUEST: Two.\n");
        Path csv = write(
                "in/episodes.csv",
                "episode_id,voice,speed,script_file\ntalk,echo,,talk.md\n" + "fast,echo,1.25,talk.md\n");

        List<ScriptEntry> entries = loader.load(csv.toString());

        EpisodeScript talk = (EpisodeScript) entries.get(0);
        assertThat(talk.voice()).isEqualTo("echo");
        assertThat(talk.speed()).isEqualTo(0.9);
        assertThat(talk.speakers()).containsExactly(Map.entry("HOST", "alloy"), Map.entry("GUEST", "verse"));
        assertThat(talk.passages().get(1).source()).isEqualTo(new SourceLocation(dir.resolve("in/talk.md"), 6));
        assertThat(((EpisodeScript) entries.get(1)).speed()).isEqualTo(1.25);
    }

    @Test
    void speedComesFromTheInputElseTheParamsFileAndMustBeInRange() throws IOException {
        Path csv = write("speeds.csv", "episode_id,speed,script\na,,Text.\nb,0.5,Text.\nc,2,Text.\nd,fast,Text.\n");

        List<ScriptEntry> entries = new ScriptLoader(new ScriptDefaults("alloy", "", 1.2)).load(csv.toString());

        assertThat(((EpisodeScript) entries.get(0)).speed()).isEqualTo(1.2);
        assertThat(((EpisodeScript) entries.get(1)).speed()).isEqualTo(0.5);
        assertThat(((InvalidScript) entries.get(2)).reason())
                .isEqualTo("speed '2' must be a number from 0.25 to 1.5" + " (1.0 is normal)");
        assertThat(((InvalidScript) entries.get(3)).reason()).contains("speed 'fast'");
        assertThat(entries.get(3).source()).isEqualTo(new SourceLocation(csv, 5));
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
