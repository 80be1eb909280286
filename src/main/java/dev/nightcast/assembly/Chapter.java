package dev.nightcast.assembly;

/**
 * Where a chapter starts in the episode's audio: at the first word of each markdown section (a
 * heading, in a monologue or a dialogue), and at the start for what comes before the first heading.
 *
 * @param startByte offset of the first PCM byte of its speech in the WAV's data chunk
 * @param title the heading, or the episode's title for the part before the first heading
 */
public record Chapter(long startByte, String title) {}
