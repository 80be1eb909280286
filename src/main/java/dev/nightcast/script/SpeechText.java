package dev.nightcast.script;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The shape of narrated text: paragraphs separated by exactly one blank line, single spaces inside
 * a line, no leading or trailing whitespace. Narration later segments the text at paragraph and
 * then sentence boundaries, so every source format is brought to this one shape.
 */
final class SpeechText {

    /** Any run of whitespace, Unicode aware so no-break and thin spaces collapse too. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    /** A blank line: a line break, optional horizontal whitespace, another line break. */
    private static final Pattern BLANK_LINE = Pattern.compile("\\n\\s*\\n", Pattern.UNICODE_CHARACTER_CLASS);

    /** Ends like a sentence: . ! ? or …, optionally followed by closing quotes or brackets. */
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?\u2026][\"'\u201D\u2019\u00BB)\\]]*$");

    private SpeechText() {}

    /**
     * Plain text (a CSV cell, a .txt file) in the narrated shape: blank lines separate paragraphs,
     * single line breaks inside a paragraph become spaces (text is often hard-wrapped).
     */
    static String fromPlain(String raw) {
        String text = raw.replace("\r\n", "\n").replace('\r', '\n');
        return joinParagraphs(List.of(BLANK_LINE.split(text)));
    }

    /** {@code text} with every whitespace run, line breaks included, turned into one space, trimmed. */
    static String collapse(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    /** Each paragraph collapsed; empty ones dropped; the rest joined by one blank line. */
    static String joinParagraphs(List<String> paragraphs) {
        StringBuilder joined = new StringBuilder();
        for (String paragraph : paragraphs) {
            String collapsed = collapse(paragraph);
            if (!collapsed.isEmpty()) {
                if (joined.length() > 0) {
                    joined.append("\n\n");
                }
                joined.append(collapsed);
            }
        }
        return joined.toString();
    }

    /**
     * {@code line} ending in sentence punctuation, so that headings and list items are spoken with a
     * pause instead of running into the next sentence. A trailing comma, colon or semicolon is
     * replaced by a period; otherwise a period is appended.
     */
    static String asSentence(String line) {
        String text = line.strip();
        if (text.isEmpty() || SENTENCE_END.matcher(text).find()) {
            return text;
        }
        char last = text.charAt(text.length() - 1);
        if (last == ',' || last == ':' || last == ';') {
            text = text.substring(0, text.length() - 1).stripTrailing();
        }
        return text + ".";
    }
}
