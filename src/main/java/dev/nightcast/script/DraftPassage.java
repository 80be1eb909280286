package dev.nightcast.script;

/**
 * A {@link Passage} as read, before voices are assigned.
 *
 * @param label the speaker label as written, or null for text the episode's voice reads
 */
record DraftPassage(String label, String text, boolean opensSection, SourceLocation source) {
}
