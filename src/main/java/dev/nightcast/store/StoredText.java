package dev.nightcast.store;

import org.jspecify.annotations.Nullable;

/**
 * Text as a column can hold it, whatever the input or the gateway sent: without NUL characters,
 * which PostgreSQL's text types refuse (the statement fails, and with it the episode's row), and no
 * longer than the column.
 */
final class StoredText {

    private StoredText() {}

    /** {@code text} without NUL characters, cut to {@code max} characters with an ellipsis; null stays null. */
    static @Nullable String fit(@Nullable String text, int max) {
        if (text == null) {
            return null;
        }
        String storable = text.indexOf('\u0000') < 0 ? text : text.replace("\u0000", "");
        return storable.length() <= max ? storable : storable.substring(0, max - 1) + "\u2026";
    }

    /** {@code text} without NUL characters, for columns without a length. */
    static @Nullable String fit(@Nullable String text) {
        return fit(text, Integer.MAX_VALUE);
    }
}
