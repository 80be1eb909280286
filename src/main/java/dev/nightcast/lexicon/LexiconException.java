package dev.nightcast.lexicon;

import java.util.List;

/** Lexicons that cannot be used, each problem naming its file and line. A configuration error. */
public final class LexiconException extends RuntimeException {

    private final List<String> problems;

    public LexiconException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line each: {@code people.pls:12: duplicate grapheme 'Nguyen' (first at line 4)}. */
    public List<String> problems() {
        return problems;
    }
}
