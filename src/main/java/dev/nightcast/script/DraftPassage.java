package dev.nightcast.script;

import org.jspecify.annotations.Nullable;

/**
 * A {@link Passage} as read, before voices are assigned.
 *
 * @param label the speaker label as written, or null for text the episode's voice reads
 * @param heading the plain text of the heading it starts at, or null
 */
record DraftPassage(
        @Nullable String label,
        String text,
        boolean opensSection,
        SourceLocation source,
        @Nullable String heading) {

    DraftPassage(@Nullable String label, String text, boolean opensSection, SourceLocation source) {
        this(label, text, opensSection, source, null);
    }
}
