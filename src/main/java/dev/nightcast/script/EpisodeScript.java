package dev.nightcast.script;

/**
 * A valid episode, defaults already applied.
 *
 * @param id validated by {@link EpisodeIds}
 * @param title the title, or the id when the input has none
 * @param voice a known voice
 * @param instructions episode-specific tone or persona (may be empty); narration adds the
 *     verbatim-reading rules in front of it
 * @param text the speakable text: markup removed, paragraphs separated by a blank line
 */
public record EpisodeScript(String id, String title, String voice, String instructions, String text,
        SourceLocation source) implements ScriptEntry {
}
