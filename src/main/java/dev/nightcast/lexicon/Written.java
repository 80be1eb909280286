package dev.nightcast.lexicon;

/**
 * A transcript of a spoken form turned back into the author's words.
 *
 * @param text the transcript with each applied entry's alias replaced by its grapheme
 * @param positions for every character index of the spoken transcript (and its length), the index
 *     in {@code text} where that character's word now starts; captions placed by characters use it
 */
public record Written(String text, int[] positions) {

    /** Where character {@code spokenIndex} of the spoken transcript landed in the written one. */
    public int position(int spokenIndex) {
        return positions[Math.max(0, Math.min(spokenIndex, positions.length - 1))];
    }
}
