package dev.nightcast.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Cuts timed words into caption cues people can read: at most {@value #LINES} lines of at most
 * {@value #LINE_CHARS} characters (the common broadcast and streaming limit), on screen for at most
 * a given time. A cue ends after a sentence where one ends at least a third into it; when the next
 * word does not fit, after a clause (a comma, a semicolon, a dash) half-way into it, else there,
 * unless that leaves only a few words of the sentence for the next cue: then the sentence is cut
 * where its two parts are most even. Its lines are balanced. A word longer than a line gets a cue
 * of its own.
 */
public final class Captions {

    public static final int LINE_CHARS = 42;
    public static final int LINES = 2;
    private static final int CUE_CHARS = LINES * LINE_CHARS;
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?…]['\"’”)\\]]*$");
    private static final Pattern CLAUSE_END = Pattern.compile("[,;:–—]['\"’”)\\]]*$");

    private Captions() {}

    /** A word as spoken and when it starts (in any unit that grows with time, e.g. audio bytes). */
    public record TimedWord(String text, long start) {}

    /** One cue: its lines, when its first word starts and when it leaves the screen. */
    public record Cue(List<String> lines, long start, long end) {

        public Cue {
            lines = List.copyOf(lines);
        }
    }

    /**
     * @param words in the order spoken, their starts not decreasing
     * @param end when the last word ends
     * @param longest the longest a cue may stay on screen
     */
    public static List<Cue> of(List<TimedWord> words, long end, long longest) {
        List<Cue> cues = new ArrayList<>();
        int first = 0;
        while (first < words.size()) {
            int last = lastWord(words, first, end, longest);
            long start = words.get(first).start();
            long next = last + 1 < words.size() ? words.get(last + 1).start() : end;
            List<String> lines =
                    Objects.requireNonNull(lines(words.subList(first, last + 1)), "lastWord chose words that fit");
            cues.add(new Cue(lines, start, Math.min(next, start + longest)));
            first = last + 1;
        }
        return cues;
    }

    /** The index of the last word of the cue starting at {@code first}. */
    private static int lastWord(List<TimedWord> words, int first, long end, long longest) {
        long start = words.get(first).start();
        int fits = first;
        while (fits + 1 < words.size()
                && lines(words.subList(first, fits + 2)) != null
                && nextStart(words, fits + 2, end) - start <= longest) {
            fits++;
        }
        int sentence = -1;
        int clause = -1;
        for (int i = first; i <= fits; i++) {
            int chars = length(words.subList(first, i + 1));
            String text = words.get(i).text();
            if (SENTENCE_END.matcher(text).find() && chars >= CUE_CHARS / 3) {
                sentence = i;
                break;
            } else if (CLAUSE_END.matcher(text).find() && chars >= CUE_CHARS / 2) {
                clause = i;
            }
        }
        if (sentence >= 0) {
            return sentence; // the next sentence starts a new cue, unless that left this one too short
        }
        if (fits + 1 == words.size()) {
            return fits;
        }
        return clause >= 0 ? clause : withoutShortTail(words, first, fits);
    }

    /**
     * Where to cut a sentence that runs past the cue: at {@code fits}, unless that leaves only a
     * few words of it for the next cue; then where the two parts are most even.
     */
    private static int withoutShortTail(List<TimedWord> words, int first, int fits) {
        int end = fits + 1;
        while (end < words.size() - 1
                && !SENTENCE_END.matcher(words.get(end).text()).find()) {
            end++;
        }
        if (length(words.subList(fits + 1, end + 1)) >= CUE_CHARS / 4) {
            return fits;
        }
        int best = fits;
        int bestLonger = Integer.MAX_VALUE;
        for (int cut = first; cut <= fits; cut++) {
            int longer = Math.max(length(words.subList(first, cut + 1)), length(words.subList(cut + 1, end + 1)));
            if (longer < bestLonger) {
                best = cut;
                bestLonger = longer;
            }
        }
        return best;
    }

    private static long nextStart(List<TimedWord> words, int index, long end) {
        return index < words.size() ? words.get(index).start() : end;
    }

    /**
     * The words as one line when they fit in one, else as two balanced lines (the break that keeps
     * the longer line shortest, where a break after a sentence counts as 8 characters shorter and
     * one after a clause as 4); null when they fit in neither. A single word always gets its line.
     */
    static @Nullable List<String> lines(List<TimedWord> words) {
        if (words.size() == 1 || length(words) <= LINE_CHARS) {
            return List.of(join(words));
        }
        int best = -1;
        int bestCost = Integer.MAX_VALUE;
        for (int split = 1; split < words.size(); split++) {
            int longer = Math.max(length(words.subList(0, split)), length(words.subList(split, words.size())));
            String before = words.get(split - 1).text();
            // A line that ends a sentence or a clause reads better, worth a few characters of balance.
            int cost = longer
                    - (SENTENCE_END.matcher(before).find()
                            ? 8
                            : CLAUSE_END.matcher(before).find() ? 4 : 0);
            if (longer <= LINE_CHARS && cost < bestCost) {
                best = split;
                bestCost = cost;
            }
        }
        return best < 0 ? null : List.of(join(words.subList(0, best)), join(words.subList(best, words.size())));
    }

    private static String join(List<TimedWord> words) {
        StringBuilder line = new StringBuilder();
        for (TimedWord word : words) {
            line.append(line.length() == 0 ? "" : " ").append(word.text());
        }
        return line.toString();
    }

    /** Characters as people count them (code points), with one space between words. */
    private static int length(List<TimedWord> words) {
        int chars = words.size() - 1;
        for (TimedWord word : words) {
            chars += word.text().codePointCount(0, word.text().length());
        }
        return chars;
    }
}
