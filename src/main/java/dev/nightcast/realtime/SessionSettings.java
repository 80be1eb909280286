package dev.nightcast.realtime;

/**
 * What a session is configured with by {@code session.update}.
 *
 * @param voice one of {@link Voices#KNOWN}
 * @param instructions the full narrator instructions (verbatim-reading rules plus episode persona)
 */
public record SessionSettings(String voice, String instructions) {
}
