package dev.nightcast.script;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownSpeechTest {

    @Test
    void headingsBecomeTheirOwnParagraphEndingWithAPeriod() {
        String text = MarkdownSpeech.toSpeech("# Welcome back\n\nToday we talk.\n\n## Why now?\nBecause.");

        assertThat(text).isEqualTo("Welcome back.\n\nToday we talk.\n\nWhy now?\n\nBecause.");
    }

    @Test
    void emphasisAndStrongBecomePlainText() {
        assertThat(MarkdownSpeech.toSpeech("This is *really* **very** _important_ and `code`."))
                .isEqualTo("This is really very important and code.");
    }

    @Test
    void linksAreReadAsTheirTextNeverTheUrl() {
        String text = MarkdownSpeech.toSpeech("Read [the show notes](https://example.com/notes \"Notes\") later.\n\n"
                + "See [our site][site].\n\n[site]: https://example.com");

        assertThat(text)
                .isEqualTo("Read the show notes later.\n\nSee our site.")
                .doesNotContain("http");
    }

    @Test
    void imagesAreReadAsTheirAltTextOrNothing() {
        assertThat(MarkdownSpeech.toSpeech("Look: ![a red barn](barn.png) there. ![](x.png)"))
                .isEqualTo("Look: a red barn there.");
    }

    @Test
    void listItemsBecomeSeparateSentencesOnTheirOwnLines() {
        String text = MarkdownSpeech.toSpeech(
                "You need:\n\n- flour\n- *two* eggs!\n- milk, warm\n" + "  - not hot\n\n1. Mix\n2. Bake\n\nDone");

        assertThat(text).isEqualTo("You need:\n\nflour.\ntwo eggs!\nmilk, warm.\nnot hot.\n\nMix.\nBake.\n\nDone");
    }

    @Test
    void codeBlocksHtmlBlocksAndInlineHtmlAreDropped() {
        String markdown = """
                Before.

                ```bash
                rm -rf /
                ```

                    indented code

                <div class="note">
                secret markup
                </div>

                <!-- editor's note: cut this -->

                Line one<br>line two with <span>inline</span> html.
                """;

        assertThat(MarkdownSpeech.toSpeech(markdown)).isEqualTo("Before.\n\nLine one line two with inline html.");
    }

    @Test
    void blockQuotesAreReadAsTheirText() {
        assertThat(MarkdownSpeech.toSpeech("> To be,\n> or not to be.\n\nSaid Hamlet."))
                .isEqualTo("To be, or not to be.\n\nSaid Hamlet.");
    }

    @Test
    void thematicBreaksOnlySeparateParagraphs() {
        assertThat(MarkdownSpeech.toSpeech("One.\n\n---\n\nTwo.\n\n***\nThree."))
                .isEqualTo("One.\n\nTwo.\n\nThree.");
    }

    @Test
    void lineBreaksInsideAParagraphBecomeSpacesAndWhitespaceCollapses() {
        assertThat(MarkdownSpeech.toSpeech("A hard  \nbreak and a soft\nbreak,\tand   tabs.\n\n\n\n  Next."))
                .isEqualTo("A hard break and a soft break, and tabs.\n\nNext.");
    }

    @Test
    void firstHeadingIsReportedWithoutTheAddedPeriod() {
        assertThat(MarkdownSpeech.convert("Intro text.\n\n## The *Big* Idea\n\n# Later")
                        .firstHeading())
                .isEqualTo("The Big Idea");
        assertThat(MarkdownSpeech.convert("No headings.").firstHeading()).isNull();
    }

    @Test
    void onlyMarkupGivesEmptyText() {
        assertThat(MarkdownSpeech.toSpeech("```\ncode\n```\n\n<p>x</p>\n\n---\n"))
                .isEmpty();
    }

    @Test
    void entitiesAndEscapesAreDecoded() {
        assertThat(MarkdownSpeech.toSpeech("Salt &amp; pepper, 5 \\* 3.")).isEqualTo("Salt & pepper, 5 * 3.");
    }

    @Test
    void quotesNestedTenThousandDeepAreReadWithoutRunningOutOfStack() {
        // given
        String markdown = ">".repeat(10_000) + " Deep words.";

        // when
        String text = MarkdownSpeech.toSpeech(markdown);

        // then: the parser follows 100 levels; the markers beyond are text
        assertThat(text).endsWith("Deep words.");
    }

    @Test
    void listsNestedTenThousandDeepAreReadWithoutRunningOutOfStack() {
        // given
        String markdown = "- ".repeat(10_000) + "Deep item";

        // when
        String text = MarkdownSpeech.toSpeech(markdown);

        // then
        assertThat(text).endsWith("Deep item.");
    }
}
