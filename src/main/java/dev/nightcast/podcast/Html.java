package dev.nightcast.podcast;

import dev.nightcast.text.SafeText;

/**
 * Escaping for text and attribute values in the review page: markup characters become references,
 * and characters an HTML parser rejects become U+FFFD ({@link SafeText#forDocument}).
 */
final class Html {

    private Html() {}

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        text = SafeText.forDocument(text);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
