package dev.nightcast.lexicon;

import java.util.List;

/**
 * A text as it is sent: the written text with every lexicon entry applied.
 *
 * @param text the spoken form
 * @param applied the entries that matched, in order of first use; empty when none did (the text is
 *     then the written text, unchanged)
 */
public record Spoken(String text, List<LexiconEntry> applied) {

    public Spoken {
        applied = List.copyOf(applied);
    }
}
