package dev.nightcast.script;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.jspecify.annotations.Nullable;

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
 * <li>thematic breaks only separate paragraphs; line breaks inside a paragraph become spaces;</li>
 * <li>a line of a paragraph that starts with a {@linkplain SpeakerLabels speaker label} starts a
 *     block of its own, so dialogue turns can be told apart.</li>
 * </ul>
 */
final class MarkdownSpeech {

    // Parser instances are thread-safe and reusable. Block source spans give the line numbers.
    private static final Parser PARSER =
            Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

    private MarkdownSpeech() {}

    /**
     * One speakable block.
     *
     * @param text the block's text, label included
     * @param heading for a heading, which opens a new section, its plain text; else null
     * @param line the 1-based line it starts on, in the file
     * @param label the speaker label it starts with, or null
     * @param continuesParagraph true when the block was cut from the previous one only because this
     *     line starts with a label (in a monologue they are one paragraph)
     */
    record Block(
            String text,
            @Nullable String heading,
            int line,
            SpeakerLabels.@Nullable Match label,
            boolean continuesParagraph) {}

    /**
     * The conversion result.
     *
     * @param blocks the speakable blocks, in order; empty when the markdown has nothing to read
     * @param firstHeading the plain text of the first heading, or {@code null} when there is none
     */
    record Speech(List<Block> blocks, @Nullable String firstHeading) {

        Speech {
            blocks = List.copyOf(blocks);
        }

        /** All blocks as one text, one blank line between them. */
        String text() {
            return String.join("\n\n", blocks.stream().map(Block::text).toList());
        }
    }

    /** Converts a markdown body (without front matter) that starts on line 1 and has no speaker names. */
    static Speech convert(String markdown) {
        return convert(markdown, 0, SpeakerLabels.CAPITALS_ONLY);
    }

    /**
     * @param lineOffset lines before the body in its file (the front matter), added to block lines
     * @param labels how speaker labels are recognised
     */
    static Speech convert(String markdown, int lineOffset, SpeakerLabels labels) {
        Node document = PARSER.parse(markdown);
        Collector collector = new Collector(lineOffset, labels);
        collector.blocks(document);
        return new Speech(collector.blocks, collector.firstHeading);
    }

    /** Convenience for callers that only need the text. */
    static String toSpeech(String markdown) {
        return convert(markdown).text();
    }

    private static final class Collector {

        private final int lineOffset;
        private final SpeakerLabels labels;
        private final List<Block> blocks = new ArrayList<>();
        private @Nullable String firstHeading;

        Collector(int lineOffset, SpeakerLabels labels) {
            this.lineOffset = lineOffset;
            this.labels = labels;
        }

        /**
         * Adds the blocks for each block child of {@code parent}, going into quotes. A loop with its
         * own stack rather than recursion: a document may nest quotes thousands deep.
         */
        void blocks(Node parent) {
            Deque<Node> resume = new ArrayDeque<>();
            Node block = parent.getFirstChild();
            while (block != null || !resume.isEmpty()) {
                if (block == null) {
                    block = resume.pop();
                    continue;
                }
                Node next = block.getNext();
                if (block instanceof BlockQuote || isContainer(block)) {
                    if (next != null) {
                        resume.push(next);
                    }
                    block = block.getFirstChild();
                    continue;
                }
                if (block instanceof Paragraph) {
                    paragraph(block);
                } else if (block instanceof Heading) {
                    String heading = SpeechText.collapse(String.join(" ", lines(block)));
                    if (firstHeading == null && !heading.isEmpty()) {
                        firstHeading = heading;
                    }
                    add(new Block(SpeechText.asSentence(heading), heading, line(block), null, false));
                } else if (block instanceof ListBlock) {
                    List<String> lines = new ArrayList<>();
                    listLines(block, lines);
                    add(new Block(String.join("\n", lines), null, line(block), null, false));
                }
                // Everything else is dropped on purpose: fenced and indented code, HTML blocks,
                // link reference definitions, thematic breaks (paragraphs are separated anyway).
                block = next;
            }
        }

        /** A paragraph, cut before every line that starts with a speaker label. */
        private void paragraph(Node paragraph) {
            List<String> lines = lines(paragraph);
            int first = line(paragraph);
            StringBuilder current = new StringBuilder();
            int start = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (i > 0 && labels.match(SpeechText.collapse(lines.get(i))) != null) {
                    addParagraph(current.toString(), first + start, start > 0);
                    current.setLength(0);
                    start = i;
                }
                current.append(lines.get(i)).append(' ');
            }
            addParagraph(current.toString(), first + start, start > 0);
        }

        private void addParagraph(String text, int line, boolean continuesParagraph) {
            String collapsed = SpeechText.collapse(text);
            add(new Block(collapsed, null, line, labels.match(collapsed), continuesParagraph));
        }

        /**
         * One line per paragraph/heading in each item of a list, nested lists and quotes included, in
         * document order. A loop with its own stack: lists may be nested thousands deep.
         */
        private void listLines(Node list, List<String> lines) {
            Deque<Node> resume = new ArrayDeque<>();
            Node node = list.getFirstChild();
            while (node != null || !resume.isEmpty()) {
                if (node == null) {
                    node = resume.pop();
                    continue;
                }
                Node next = node.getNext();
                if (node instanceof Paragraph || node instanceof Heading) {
                    String line = SpeechText.asSentence(SpeechText.collapse(String.join(" ", lines(node))));
                    if (!line.isEmpty()) {
                        lines.add(line);
                    }
                } else if (node instanceof ListItem
                        || node instanceof ListBlock
                        || node instanceof BlockQuote
                        || isContainer(node)) {
                    if (next != null) {
                        resume.push(next);
                    }
                    node = node.getFirstChild();
                    continue;
                }
                node = next;
            }
        }

        /** Custom (extension) blocks are not expected; if one appears, read what is inside. */
        private static boolean isContainer(Node block) {
            return block instanceof org.commonmark.node.CustomBlock;
        }

        private void add(Block block) {
            if (!block.text().isBlank()) {
                blocks.add(block);
            }
        }

        /** The 1-based file line a block starts on. */
        private int line(Node block) {
            return block.getSourceSpans().isEmpty()
                    ? lineOffset + 1
                    : lineOffset + block.getSourceSpans().get(0).getLineIndex() + 1;
        }

        /** The plain text of the inline children of {@code block}, one entry per source line. */
        private static List<String> lines(Node block) {
            List<StringBuilder> lines = new ArrayList<>();
            lines.add(new StringBuilder());
            appendInline(block, lines);
            return lines.stream().map(StringBuilder::toString).toList();
        }

        /** Inline nodes in document order, with a stack of our own: emphasis may nest deeply. */
        private static void appendInline(Node parent, List<StringBuilder> lines) {
            Deque<Node> resume = new ArrayDeque<>();
            Node node = parent.getFirstChild();
            while (node != null || !resume.isEmpty()) {
                if (node == null) {
                    node = resume.pop();
                    continue;
                }
                Node next = node.getNext();
                StringBuilder text = lines.get(lines.size() - 1);
                if (node instanceof Text t) {
                    text.append(t.getLiteral());
                } else if (node instanceof Code code) {
                    text.append(code.getLiteral());
                } else if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
                    lines.add(new StringBuilder());
                } else if (node instanceof HtmlInline html) {
                    // Tags are dropped, but a <br> separated two words visually: keep them apart.
                    if (html.getLiteral().toLowerCase(Locale.ROOT).startsWith("<br")) {
                        text.append(' ');
                    }
                } else {
                    // Emphasis, strong emphasis, links (their text, not the URL), images (their
                    // alt text), custom inline nodes: read their children.
                    if (next != null) {
                        resume.push(next);
                    }
                    node = node.getFirstChild();
                    continue;
                }
                node = next;
            }
        }
    }
}
