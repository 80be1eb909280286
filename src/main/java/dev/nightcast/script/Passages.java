package dev.nightcast.script;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Groups the blocks of a markdown body into the passages that are read, each in one voice.
 *
 * <p>A body is a <em>dialogue</em> when its front matter maps speakers, or when lines start with two
 * or more different speaker labels (a dialogue whose speakers were forgotten: validation then fails
 * it, rather than reading "HOST:" aloud in one voice). In a dialogue a labelled line starts a turn
 * that runs until the next label or heading; headings and text before the first turn are read by
 * the episode's voice. In a monologue labels are plain text and only headings start a new passage.
 */
final class Passages {

    private Passages() {}

    static List<DraftPassage> of(MarkdownSpeech.Speech speech, Path file, boolean speakersMapped) {
        boolean dialogue = speakersMapped || distinctLabels(speech.blocks()) >= 2;
        List<DraftPassage> passages = new ArrayList<>();
        Builder current = null;
        for (MarkdownSpeech.Block block : speech.blocks()) {
            SourceLocation where = new SourceLocation(file, block.line());
            if (block.heading() != null) {
                current = flushAndStart(passages, current, new Builder(null, block.heading(), where));
                current.paragraph(block.text());
            } else if (dialogue && block.label() != null) {
                current = flushAndStart(
                        passages, current, new Builder(block.label().label(), null, where));
                current.paragraph(block.label().spoken());
            } else if (current == null) {
                current = new Builder(null, null, where);
                current.paragraph(block.text());
            } else if (block.continuesParagraph()) {
                current.sameParagraph(block.text());
            } else {
                current.paragraph(block.text());
            }
        }
        flush(passages, current);
        return passages;
    }

    private static long distinctLabels(List<MarkdownSpeech.Block> blocks) {
        return blocks.stream()
                .map(MarkdownSpeech.Block::label)
                .filter(Objects::nonNull)
                .map(label -> label.label().toUpperCase(java.util.Locale.ROOT))
                .distinct()
                .count();
    }

    private static Builder flushAndStart(List<DraftPassage> passages, @Nullable Builder current, Builder next) {
        flush(passages, current);
        return next;
    }

    private static void flush(List<DraftPassage> passages, @Nullable Builder current) {
        if (current != null && current.text.length() > 0) {
            passages.add(new DraftPassage(
                    current.label, current.text.toString(), current.heading != null, current.source, current.heading));
        }
    }

    private static final class Builder {

        private final @Nullable String label;
        /** The heading it starts at, or null. */
        private final @Nullable String heading;

        private final SourceLocation source;
        private final StringBuilder text = new StringBuilder();

        Builder(@Nullable String label, @Nullable String heading, SourceLocation source) {
            this.label = label;
            this.heading = heading;
            this.source = source;
        }

        void paragraph(String paragraph) {
            text.append(text.length() > 0 ? "\n\n" : "").append(paragraph);
        }

        void sameParagraph(String words) {
            text.append(text.length() > 0 ? " " : "").append(words);
        }
    }
}
