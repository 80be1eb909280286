package dev.nightcast.narration;

/**
 * Where one segment sits in the episode's audio, for subtitles.
 *
 * @param startByte offset of its first PCM byte in the WAV's data chunk
 * @param endByte offset just after its last PCM byte
 * @param speaker the speaker label in a dialogue, else null
 * @param text the text that was read
 */
public record SubtitleCue(long startByte, long endByte, String speaker, String text) {
}
