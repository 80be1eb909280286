package dev.nightcast.lexicon;

/**
 * One entry: a written word or phrase and what is sent in its place.
 *
 * @param grapheme as written in the script, whitespace collapsed to single spaces
 * @param alias what the model is asked to say instead, whitespace collapsed
 * @param where the file and line that defined it ({@code people.pls:12}), for messages
 */
public record LexiconEntry(String grapheme, String alias, String where) {

    /** The entry as it takes part in a segment's identity: where it was defined does not matter. */
    String identity() {
        return grapheme + '\u0000' + alias;
    }
}
