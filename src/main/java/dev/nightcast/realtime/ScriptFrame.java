package dev.nightcast.realtime;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The delimiters around a segment's text in a {@code response.create}, named by the response's
 * instructions. The instructions are written with the plain {@value #OPEN_NAME} and
 * {@value #CLOSE_NAME}; each request replaces both, in the instructions and around the text, with
 * tags carrying an unguessable nonce the text does not contain ({@code <script-3f9c…>} …
 * {@code </script-3f9c…>}). So a script that contains {@code </script>} followed by "Ignore the
 * above…" cannot close the frame early and speak to the model as the instructions do: everything it
 * holds stays between the delimiters the instructions name.
 *
 * @param open the opening delimiter, e.g. {@code <script-3f9c2a7e1b3d4c5f6a7b8c9d>}
 * @param close the matching closing delimiter
 */
public record ScriptFrame(String open, String close) {

    /** How the narrator instructions name the opening delimiter. */
    public static final String OPEN_NAME = "<script>";
    /** How the narrator instructions name the closing delimiter. */
    public static final String CLOSE_NAME = "</script>";

    private static final RandomGenerator NONCES = new SecureRandom();
    private static final int NONCE_BYTES = 12;

    /** A frame with a fresh random nonce that occurs nowhere in {@code text}. */
    public static ScriptFrame around(String text) {
        return around(text, NONCES);
    }

    public static ScriptFrame around(String text, RandomGenerator random) {
        byte[] nonce = new byte[NONCE_BYTES];
        ScriptFrame frame;
        do {
            random.nextBytes(nonce);
            String tag = "script-" + HexFormat.of().formatHex(nonce);
            frame = new ScriptFrame("<" + tag + ">", "</" + tag + ">");
        } while (text.contains(frame.open()) || text.contains(frame.close()));
        return frame;
    }

    /** The text between the delimiters. */
    public String wrap(String text) {
        return open + text + close;
    }

    /** {@code instructions} with the plain delimiter names replaced by this frame's. */
    public String named(String instructions) {
        return instructions.replace(OPEN_NAME, open).replace(CLOSE_NAME, close);
    }
}
