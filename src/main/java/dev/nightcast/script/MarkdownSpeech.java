package dev.nightcast.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * Turns markdown into the text a narrator reads aloud (see {@link SpeechText} for its shape).
 *
 * <p>Walks the commonmark AST rather than stripping characters, so markup that looks like text
 * (a {@code *} in a sentence, a URL inside a link) is handled by meaning:
 * <ul>
 * <li>headings become their own paragraph, ending in a period when they have no sentence
 *     punctuation, so the narrator pauses after them;</li>
 * <li>emphasis and strong emphasis become plain text, inline code its literal text;</li>
 * <li>links become their text (the URL is never read), images their alt text;</li>
 * <li>a list becomes one paragraph with each item on its own line, ending in sentence punctuation
 *     so items do not run together; nested lists are flattened into further lines;</li>
 * <li>block quotes become their paragraphs;</li>
 * <li>code blocks, HTML blocks, inline HTML and link reference definitions are dropped — they are
 *     not meant to be heard ({@code <br>} still separates the words around it);</li>
 * <li>thematic breaks only separate paragraphs; line breaks inside a paragraph become spaces.</li>
 * </ul>
 */
final class MarkdownSpeech {

    // Parser instances are thread-safe and reusable.
    private static final Parser PARSER = Parser.builder().build();

    private MarkdownSpeech() {
    }

    /**
     * The conversion result.
     *
     * @param text the speakable text; empty when the markdown has nothing to read
     * @param firstHeading the plain text of the first heading, or {@code null} when there is none
     */
    record Speech(String text, String firstHeading) {
    }

    /** Converts a markdown body (without front matter). */
    static Speech convert(String markdown) {
        Node document = PARSER.parse(markdown);
        Collector collector = new Collector();
        collector.blocks(document);
        return new Speech(String.join("\n\n", collector.paragraphs), collector.firstHeading);
    }

    /** Convenience for callers that only need the text. */
    static String toSpeech(String markdown) {
        return convert(markdown).text();
    }

    private static final class Collector {

        private final List<String> paragraphs = new ArrayList<>();
        private String firstHeading;

        /** Adds the paragraphs for each block child of {@code parent}. */
        void blocks(Node parent) {
            for (Node block = parent.getFirstChild(); block != null; block = block.getNext()) {
                if (block instanceof Paragraph) {
                    add(inline(block));
                } else if (block instanceof Heading) {
                    String heading = inline(block);
                    if (firstHeading == null && !heading.isEmpty()) {
                        firstHeading = heading;
                    }
                    add(SpeechText.asSentence(heading));
                } else if (block instanceof ListBlock) {
                    List<String> lines = new ArrayList<>();
                    listLines(block, lines);
                    add(String.join("\n", lines));
                } else if (block instanceof BlockQuote) {
                    blocks(block);
                } else if (isContainer(block)) {
                    blocks(block);
                }
                // Everything else is dropped on purpose: fenced and indented code, HTML blocks,
                // link reference definitions, thematic breaks (paragraphs are separated anyway).
            }
        }

        /** One line per paragraph/heading in each item of a list, recursing into nested lists. */
        private void listLines(Node list, List<String> lines) {
            for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                if (item instanceof ListItem) {
                    itemLines(item, lines);
                }
            }
        }

        private void itemLines(Node container, List<String> lines) {
            for (Node block = container.getFirstChild(); block != null; block = block.getNext()) {
                if (block instanceof Paragraph || block instanceof Heading) {
                    String line = SpeechText.asSentence(inline(block));
                    if (!line.isEmpty()) {
                        lines.add(line);
                    }
                } else if (block instanceof ListBlock) {
                    listLines(block, lines);
                } else if (block instanceof BlockQuote || isContainer(block)) {
                    itemLines(block, lines);
                }
            }
        }

        /** Custom (extension) blocks are not expected; if one appears, read what is inside. */
        private static boolean isContainer(Node block) {
            return block instanceof org.commonmark.node.CustomBlock;
        }

        private void add(String paragraph) {
            if (!paragraph.isBlank()) {
                paragraphs.add(paragraph);
            }
        }

        /** The collapsed plain text of the inline children of {@code block}. */
        private static String inline(Node block) {
            StringBuilder text = new StringBuilder();
            appendInline(block, text);
            return SpeechText.collapse(text.toString());
        }

        private static void appendInline(Node parent, StringBuilder text) {
            for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
                if (node instanceof Text t) {
                    text.append(t.getLiteral());
                } else if (node instanceof Code code) {
                    text.append(code.getLiteral());
                } else if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
                    text.append(' ');
                } else if (node instanceof HtmlInline html) {
                    // Tags are dropped, but a <br> separated two words visually: keep them apart.
                    if (html.getLiteral().toLowerCase(Locale.ROOT).startsWith("<br")) {
                        text.append(' ');
                    }
                } else {
                    // Emphasis, strong emphasis, links (their text, not the URL), images (their
                    // alt text), custom inline nodes: read their children.
                    appendInline(node, text);
                }
            }
        }
    }
}
