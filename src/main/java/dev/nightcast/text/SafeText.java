package dev.nightcast.text;

/**
 * Text that came from the input (titles, ids, file names, transcripts, reasons) made safe for the
 * places Nightcast writes it. Scripts are written by people and tools that may leave anything in
 * them; the files and lines Nightcast makes must stay well-formed, and no line may be forged.
 *
 * <p>Stateless and thread-safe.
 */
public final class SafeText {

    /** Stands in for a character a document may not hold. */
    public static final char REPLACEMENT = '\uFFFD';

    private SafeText() {}

    /**
     * For documents (XML, HTML, WebVTT, JSON): every character XML 1.0 forbids (C0 controls other
     * than tab, line feed and carriage return; lone surrogates; U+FFFE and U+FFFF), and the other
     * controls and noncharacters an HTML parser reports (DEL, the C1 controls, U+FDD0–U+FDEF,
     * U+xFFFE/U+xFFFF of every plane), is replaced by U+FFFD. Visible, so a reader sees that
     * something was there; {@code null} stays {@code null}.
     */
    public static String forDocument(String text) {
        if (text == null || text.codePoints().noneMatch(SafeText::isForbiddenInDocuments)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (isForbiddenInDocuments(c)) {
                out.append(REPLACEMENT);
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /**
     * For one line of a log or of the console: line breaks, every other control character, the
     * Unicode line and paragraph separators, bidirectional overrides and lone surrogates are shown
     * as escapes (backslash and n, r or t; else backslash, u and four hex digits), so text from the input can
     * neither start a line of its own nor redraw or reorder the terminal; {@code null} stays
     * {@code null}.
     */
    public static String oneLine(String text) {
        if (text == null || text.codePoints().noneMatch(SafeText::breaksALine)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (breaksALine(c)) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    static boolean isForbiddenInDocuments(int c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                || (c >= 0x7F && c <= 0x9F)
                || (c >= 0xD800 && c <= 0xDFFF) // a surrogate is only its own code point when it is lone
                || (c >= 0xFDD0 && c <= 0xFDEF)
                || (c & 0xFFFE) == 0xFFFE;
    }

    static boolean breaksALine(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE
                || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069);
    }
}
