package dev.nightcast.script;

import org.jspecify.annotations.Nullable;

/**
 * Rules for episode ids. The id becomes part of output file and folder names, so it is restricted
 * to characters that are safe on every file system and can never step outside the output folder:
 * ASCII letters, digits, {@code .}, {@code _} and {@code -}, 1 to {@value #MAX_LENGTH} characters,
 * not starting with a dot (which also rules out {@code .} and {@code ..} and hidden files).
 */
public final class EpisodeIds {

    /** Longest id accepted; keeps file names well under the usual 255-byte name limit. */
    public static final int MAX_LENGTH = EntryLimits.ID_LENGTH;

    private EpisodeIds() {}

    /** Whether {@code id} may be used as an episode id; {@code null} is not. */
    public static boolean isValid(String id) {
        return problem(id) == null;
    }

    /**
     * What is wrong with {@code id}, as a sentence an operator can act on, or {@code null} when the
     * id is valid.
     */
    public static @Nullable String problem(String id) {
        if (id == null || id.isEmpty()) {
            return "the episode id is missing";
        }
        if (id.isBlank()) {
            return "the episode id is blank";
        }
        if (id.length() > MAX_LENGTH) {
            return "the episode id is " + id.length() + " characters long; at most " + MAX_LENGTH + " are allowed";
        }
        if (id.equals(".") || id.equals("..")) {
            return "the episode id '" + id + "' is not allowed: it names a folder, not an episode";
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!isAllowed(c)) {
                return "the episode id '" + id + "' contains " + describe(c)
                        + "; only letters A-Z and a-z, digits, '.', '_' and '-' are allowed";
            }
        }
        if (id.charAt(0) == '.') {
            return "the episode id '" + id + "' starts with '.'; ids must not start with a dot"
                    + " (their output files would be hidden)";
        }
        return null;
    }

    private static boolean isAllowed(char c) {
        // ASCII only on purpose: non-ASCII letters have several Unicode forms (NFC/NFD) and would let
        // two visually identical ids map to different files.
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '_'
                || c == '-';
    }

    private static String describe(char c) {
        if (c == ' ') {
            return "a space";
        }
        if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSurrogate(c)) {
            return String.format("the character U+%04X", (int) c);
        }
        return "'" + c + "'";
    }
}
