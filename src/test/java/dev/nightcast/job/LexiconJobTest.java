package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.nightcast.audio.AudioProperties;
import dev.nightcast.narration.Fingerprint;
import dev.nightcast.narration.NarrationProperties;
import dev.nightcast.script.EpisodeScript;
import dev.nightcast.script.ScriptEntry;
import dev.nightcast.simulator.Narration;

/**
 * Lexicons through the whole job against the simulator, which records exactly the text it was sent
 * and reads it back as its transcript: the spoken forms reach the server, the published transcript
 * and captions show the written forms, and editing one entry narrates again exactly the segments
 * holding its word.
 */
@SpringBootTest
class LexiconJobTest extends NarrateJobTestBase {

    /** Three paragraphs of about 30 words: with segments of at most 40 words, each is a segment of its own. */
    private static final String NAMES = """
            ---
            title: Names
            lexicon: lexicons/local.csv
            ---
            Tonight Doctor Nguyen explains why lighthouses were painted in stripes, and how keepers along the
            northern coast learned to read the weather from the colour of the evening sea.

            The second part has nothing special in it at all, only a long walk along the harbour wall
            and a quiet conversation about ropes, tides and the price of fresh fish.

            Before we close, Nguyen's notebook returns once more, with a sketch of the old Ghent lighthouse
            that the keepers of the northern coast still talk about on long winter nights.
            """;

    private static final String CLUSTERS = """
            ---
            title: Clusters
            ---
            Our guest runs Kubernetes clusters for a living and tells us what happens when the pager goes off
            at three in the morning and nobody remembers which machine holds the backups.

            Then we talk about gardening, which turns out to be the opposite of operations work in every way
            that matters, except for the weeds that always come back after the rain.
            """;
    private static final String PLAIN = """
            ---
            title: Plain
            ---
            This episode holds no word that any lexicon knows, so nothing about it changes when one does,
            and a run that follows an edit of the lexicon must leave it exactly as it was.
            """;

    @Autowired
    NarrationProperties narration;

    @Autowired
    AudioProperties audio;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:lexicon-job;DB_CLOSE_DELAY=-1");
        gatewayProperties(registry);
        registry.add("nightcast.narration.max-segment-words", () -> "40");
    }

    private static String pls(String nguyen) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa"
                    xml:lang="en-US">
                  <lexeme>
                    <grapheme>Nguyen</grapheme>
                    <alias>%s</alias>
                  </lexeme>
                  <lexeme>
                    <grapheme>Kubernetes</grapheme>
                    <alias>koo-ber-net-eez</alias>
                  </lexeme>
                </lexicon>
                """.formatted(nguyen);
    }

    @Test
    void sendsTheSpokenFormsPublishesTheWrittenOnesAndReNarratesOnlyWhatAnEditChanges() throws Exception {
        Path lexicon = write("names.pls", pls("Win"));
        write("in/lexicons/local.csv", "written,spoken\nGhent,Gent\n");
        write("in/lex-names.md", NAMES);
        write("in/lex-clusters.md", CLUSTERS);
        write("in/lex-plain.md", PLAIN);
        RunParams params = params(dir.resolve("in"), "lexicon", lexicon.toString());

        int before = SIMULATOR.narrations().size();
        run(params);
        List<Narration> first = sent(before);

        assertThat(first)
                .extracting(Narration::text)
                .anySatisfy(text -> assertThat(text).contains("Doctor Win explains"))
                .anySatisfy(text -> assertThat(text).contains("Win's notebook").contains("old Gent lighthouse"))
                .anySatisfy(text -> assertThat(text).contains("runs koo-ber-net-eez clusters"))
                .noneSatisfy(text -> assertThat(text).containsAnyOf("Nguyen", "Kubernetes", "Ghent"));
        assertThat(first).hasSize(3 + 2 + 1);
        String transcript = Files.readString(output().resolve("lex-names.txt"));
        assertThat(transcript)
                .contains("Doctor Nguyen explains", "Nguyen's notebook", "old Ghent lighthouse")
                .doesNotContain("Win", "Gent ");
        assertThat(Files.readString(output().resolve("lex-names.vtt")))
                .contains("Nguyen")
                .doesNotContain("Win");
        assertThat(Files.readString(output().resolve("lex-clusters.txt"))).contains("runs Kubernetes clusters");
        assertThat(((Number) value(episodeRow("lex-names"), "word_error_rate")).doubleValue())
                .isZero();
        assertPublishedWav("lex-names");
        String plainFingerprint = (String) value(episodeRow("lex-plain"), "fingerprint");
        assertThat(plainFingerprint)
                .as("no entry applies: the fingerprint is the one it had without lexicons")
                .isEqualTo(Fingerprint.of(
                        withoutLexicon(script(params, "lex-plain")),
                        "gpt-realtime-mini",
                        narration,
                        audio.mastering()));
        String clustersWav = sha256(output().resolve("lex-clusters.wav"));

        Files.writeString(lexicon, pls("Nwen"));
        before = SIMULATOR.narrations().size();
        run(params);
        List<Narration> second = sent(before);

        assertThat(second)
                .as("only the two segments holding Nguyen are read again")
                .extracting(Narration::episode, Narration::segment)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("lex-names", "0"),
                        org.assertj.core.groups.Tuple.tuple("lex-names", "2"));
        assertThat(second)
                .extracting(Narration::text)
                .allSatisfy(text -> assertThat(text).contains("Nwen"));
        assertThat(Files.readString(output().resolve("lex-names.txt")))
                .isEqualTo(transcript)
                .as("the transcript shows what the author wrote, whatever was said");
        assertThat(sha256(output().resolve("lex-clusters.wav"))).isEqualTo(clustersWav);
        assertThat(value(episodeRow("lex-plain"), "fingerprint")).isEqualTo(plainFingerprint);
    }

    private List<Narration> sent(int from) {
        List<Narration> all = SIMULATOR.narrations();
        return all.subList(from, all.size()).stream()
                .filter(n -> n.episode().startsWith("lex-"))
                .toList();
    }

    private EpisodeScript script(RunParams params, String id) {
        List<ScriptEntry> entries = params.scriptLoader(inputLimits).load(params.input());
        return entries.stream()
                .filter(entry -> entry.id().equals(id))
                .map(EpisodeScript.class::cast)
                .findFirst()
                .orElseThrow();
    }

    private static EpisodeScript withoutLexicon(EpisodeScript script) {
        return new EpisodeScript(
                script.id(),
                script.title(),
                script.voice(),
                script.instructions(),
                script.speed(),
                script.passages(),
                script.source());
    }
}
