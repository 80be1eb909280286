package dev.nightcast.realtime.websocket;

import java.util.Locale;
import java.util.Optional;

import dev.nightcast.realtime.GatewayConfigException;

/**
 * Refuses a key or token that an HTTP header cannot carry before it is ever put on a request.
 * OkHttp would refuse it at the first handshake with an exception that quotes the value (except
 * for a few header names it knows to be sensitive), and that message would travel into the log
 * and the job repository.
 *
 * <p>Keys and tokens are printable ASCII without spaces; anything else (a no-break or zero-width
 * space from a copy-paste, a line break, an accented letter) means the value is not the key. The
 * problem names the character's position and code point, never the value.
 */
public final class HeaderCredential {

    private HeaderCredential() {}

    /** @throws GatewayConfigException naming {@code setting} when {@code credential} cannot be sent */
    public static void require(String credential, String setting) {
        problem(credential).ifPresent(problem -> {
            throw new GatewayConfigException(setting + " holds a character an HTTP header cannot carry: " + problem
                    + ". Set it to the key alone (copy-pastes often bring a trailing no-break space).");
        });
    }

    /** What is wrong with {@code credential} as a header value, worded without it; empty when it can be sent. */
    public static Optional<String> problem(String credential) {
        int length = credential.codePointCount(0, credential.length());
        int position = 0;
        for (int i = 0; i < credential.length(); i = credential.offsetByCodePoints(i, 1)) {
            position++;
            int c = credential.codePointAt(i);
            if (c < 0x21 || c > 0x7e) {
                String name = Character.getName(c);
                return Optional.of(String.format(
                        Locale.ROOT,
                        "character %d of %d is U+%04X%s",
                        position,
                        length,
                        c,
                        name == null ? "" : " (" + name.toLowerCase(Locale.ROOT) + ")"));
            }
        }
        return Optional.empty();
    }
}
