package dev.nightcast.script;

import java.util.List;

/**
 * An episode as read from one input row or file, before defaults and validation are applied.
 *
 * @param id the id as written, trimmed; empty when missing
 * @param title the title as written, or {@code null}/blank when the input has none
 * @param voice the voice as written, or {@code null}/blank to use the default
 * @param instructions as written, or {@code null}/blank to use the default
 * @param text the speakable text, or {@code null} when it could not be read (the reason is then in
 *     {@code problems})
 * @param textOrigin what the text was read from, for messages ("the script cell", "script_file
 *     'a.txt'", ...)
 * @param problems what the reader already found wrong; empty when nothing
 */
record EpisodeDraft(String id, String title, String voice, String instructions, String text,
        String textOrigin, SourceLocation source, List<String> problems) {

    EpisodeDraft {
        problems = List.copyOf(problems);
    }
}
