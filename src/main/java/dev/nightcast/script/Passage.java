package dev.nightcast.script;

import org.jspecify.annotations.Nullable;

/**
 * A stretch of an episode read in one voice: one dialogue turn, or one section of a monologue
 * (markdown headings start a new section).
 *
 * @param speaker the speaker label as mapped in the front matter ({@code HOST}), or {@code null}
 *     for a monologue and for text outside the turns of a dialogue (headings, an introduction),
 *     which the episode's own voice reads
 * @param voice the voice that reads it
 * @param text the speakable text: paragraphs separated by a blank line, the label not included
 * @param opensSection true when it starts at a heading, so a longer pause goes before it
 * @param source the file and line it starts on
 * @param heading the plain text of the heading it starts at, or {@code null}: the title of the
 *     chapter it opens
 */
public record Passage(
        @Nullable String speaker,
        String voice,
        String text,
        boolean opensSection,
        SourceLocation source,
        @Nullable String heading) {

    /** A passage that does not start at a heading of its own. */
    public Passage(@Nullable String speaker, String voice, String text, boolean opensSection, SourceLocation source) {
        this(speaker, voice, text, opensSection, source, null);
    }
}
