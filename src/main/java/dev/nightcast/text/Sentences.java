package dev.nightcast.text;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits a paragraph into sentences with the JDK's {@link BreakIterator}, then repairs the breaks
 * it makes after abbreviations and initials ("Dr. Smith", "J. R. R. Tolkien", "the U.S. Army") and
 * inside quoted speech ("'Really?' she asked."), which would otherwise become seams in the middle of
 * a sentence.
 */
public final class Sentences {

    /** Abbreviations that almost never end a sentence. */
    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "e.g", "i.e", "no", "nos", "mt", "ft", "approx",
            "gen", "col", "capt", "lt", "sgt", "rev", "hon", "fig", "vol", "ch", "pp", "p", "cf", "ca", "dept", "est",
            "ave", "blvd");
    /** An initial ("J.") or dotted acronym ("U.S.", "p.m.") at the end. */
    private static final Pattern INITIALS = Pattern.compile("(?:^|\\s)(?:\\p{L}\\.)+$");

    private Sentences() {}

    static List<String> of(String paragraph) {
        List<String> pieces = new ArrayList<>();
        BreakIterator iterator = BreakIterator.getSentenceInstance(Locale.ROOT);
        iterator.setText(paragraph);
        for (int start = iterator.first(), end = iterator.next();
                end != BreakIterator.DONE;
                start = end, end = iterator.next()) {
            String piece = paragraph.substring(start, end).strip();
            if (piece.isEmpty()) {
                continue;
            }
            if (!pieces.isEmpty() && continuesSentence(pieces.get(pieces.size() - 1), piece)) {
                pieces.set(pieces.size() - 1, pieces.get(pieces.size() - 1) + " " + piece);
            } else {
                pieces.add(piece);
            }
        }
        return pieces;
    }

    private static boolean continuesSentence(String previous, String next) {
        if (Character.isLowerCase(next.codePointAt(0))) {
            return true;
        }
        if (!previous.endsWith(".")) {
            return false;
        }
        if (INITIALS.matcher(previous).find()) {
            return true;
        }
        int space = previous.lastIndexOf(' ');
        String lastWord = previous.substring(space + 1, previous.length() - 1).toLowerCase(Locale.ROOT);
        return ABBREVIATIONS.contains(lastWord.replaceAll("^[\"'(\\[\u201C\u2018]+", ""));
    }
}
