package dev.nightcast.script;

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
 */
public record Passage(String speaker, String voice, String text, boolean opensSection, SourceLocation source) {
}
