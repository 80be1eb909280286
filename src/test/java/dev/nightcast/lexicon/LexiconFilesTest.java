package dev.nightcast.lexicon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LexiconFilesTest {

    @TempDir
    Path dir;

    private final LexiconFiles files = new LexiconFiles(1_000_000);

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsAnAzurePlsLexicon() throws IOException {
        Path pls = write("people.pls", """
                <?xml version="1.0" encoding="UTF-8"?>
                <lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" alphabet="ipa" xml:lang="en-US">
                  <lexeme>
                    <grapheme>Nguyen</grapheme>
                    <grapheme>NGUYEN</grapheme>
                    <alias>Win</alias>
                  </lexeme>
                  <lexeme>
                    <grapheme>  Saint
                      Louis </grapheme>
                    <alias>Saint Lewis</alias>
                    <alias prefer="true">Saint Loo-iss</alias>
                  </lexeme>
                </lexicon>
                """);

        Lexicon lexicon = files.load(List.of(pls));

        assertThat(files.problems()).isEmpty();
        assertThat(lexicon.speak("NGUYEN and Nguyen in Saint Louis").text()).isEqualTo("Win and Win in Saint Loo-iss");
        assertThat(lexicon.speak("Nguyen").applied()).containsExactly(new LexiconEntry("Nguyen", "Win", pls + ":4"));
    }

    @Test
    void readsTheTwoColumnCsvWithAnOptionalHeaderAndComments() throws IOException {
        Path csv = write(
                "terms.csv", "written,spoken\n# brands\nKubernetes,koo-ber-net-eez\n\"SQL, the language\",sequel\n");

        Lexicon lexicon = files.load(List.of(csv));

        assertThat(files.problems()).isEmpty();
        assertThat(lexicon.speak("Kubernetes and SQL, the language").text()).isEqualTo("koo-ber-net-eez and sequel");
        assertThat(lexicon.speak("Kubernetes").applied().get(0).where()).isEqualTo(csv + ":3");
    }

    @Test
    void reportsEveryBadEntryWithFileAndLine() throws IOException {
        Path pls = write("bad.pls", """
                <lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" xml:lang="en-US">
                  <lexeme>
                    <grapheme>Nguyen</grapheme>
                    <alias>Win</alias>
                  </lexeme>
                  <lexeme>
                    <grapheme>Nguyen</grapheme>
                    <alias>Nwen</alias>
                  </lexeme>
                  <lexeme>
                    <grapheme>tomato</grapheme>
                    <phoneme>təˈmɑːtoʊ</phoneme>
                  </lexeme>
                  <lexeme>
                    <grapheme>Ghent</grapheme>
                    <alias>Ghent, Belgium</alias>
                  </lexeme>
                </lexicon>
                """);
        Path csv = write("bad.csv", "Kubernetes,koo-ber-net-eez\nlonely\nAPI,\n");

        Lexicon lexicon = files.load(List.of(pls, csv));

        assertThat(lexicon.isEmpty()).isTrue();
        assertThat(files.problems())
                .containsExactly(
                        pls + ":6: duplicate grapheme 'Nguyen' (first at " + pls
                                + ":2); keep one entry per written form",
                        pls
                                + ":10: 'tomato' has only a <phoneme>, which is not supported: the Realtime API takes no phonemes;"
                                + " write how to say it as an <alias> (e.g. <alias>Nee-shay</alias>)",
                        pls
                                + ":14: the alias 'Ghent, Belgium' contains its own grapheme 'Ghent'; a transcript could not be"
                                + " mapped back to what was written",
                        csv + ":2: expected two columns, written,spoken; found 1",
                        csv + ":3: 'API' has an empty alias (the spoken form)");
    }

    @Test
    void refusesADoctypeSoNoEntityIsEverExpanded() throws IOException {
        Path secret = write("secret.txt", "s3cr3t");
        Path pls = write(
                "xxe.pls",
                "<?xml version=\"1.0\"?>\n<!DOCTYPE lexicon [<!ENTITY x SYSTEM \"file://" + secret
                        + "\">]>\n<lexicon version=\"1.0\" xmlns=\"http://www.w3.org/2005/01/pronunciation-lexicon\">"
                        + "<lexeme><grapheme>a</grapheme><alias>&x;</alias></lexeme></lexicon>\n");

        Lexicon lexicon = files.load(List.of(pls));

        assertThat(lexicon.isEmpty()).isTrue();
        assertThat(files.problems())
                .singleElement()
                .asString()
                .startsWith(pls + ":2: a DOCTYPE is not allowed")
                .doesNotContain("s3cr3t");
    }

    @Test
    void reportsFilesThatAreNotLexicons() throws IOException {
        Path html = write("page.pls", "<html><body>hi</body></html>");
        Path broken = write(
                "broken.pls",
                "<lexicon version=\"1.0\" xmlns=\"" + PlsDocument.NAMESPACE
                        + "\">\n<lexeme>\n<grapheme>a</grapheme>\n</lexicon>");
        Path missing = dir.resolve("missing.csv");

        files.load(List.of(html, broken, missing));

        assertThat(files.problems()).hasSize(3);
        assertThat(files.problems().get(0)).startsWith(html + ":1: not a PLS lexicon: the root element is <html>");
        assertThat(files.problems().get(1)).startsWith(broken + ":4: not a PLS lexicon: the XML is not well-formed");
        assertThat(files.problems().get(2)).isEqualTo(missing + ":1: lexicon does not exist");
    }

    @Test
    void refusesAFileOverTheSizeLimit() throws IOException {
        Path big = write("big.csv", "a,b\n".repeat(100));

        new LexiconFiles(50).load(List.of(big));
        LexiconFiles small = new LexiconFiles(50);
        small.load(List.of(big));

        assertThat(small.problems()).singleElement().asString().startsWith(big + ":1: lexicon is 400 bytes");
    }
}
