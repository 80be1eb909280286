package dev.nightcast.assembly;

import org.jspecify.annotations.Nullable;

/**
 * One caption and where it sits in the episode's audio, for subtitles.
 *
 * @param startByte where its first word starts in the WAV's data chunk
 * @param endByte where it leaves the screen
 * @param speaker the speaker label in a dialogue, else null
 * @param text what is said, at most two lines (separated by a line break)
 */
public record SubtitleCue(
        long startByte, long endByte, @Nullable String speaker, String text) {}
