package dev.nightcast.lexicon;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Graphemes and the aliases sent in their place, applied to whole words.
 *
 * <p>Matching follows PLS as Azure applies it: the grapheme is compared case-sensitively
 * ({@code NASA} does not match {@code Nasa}: list each spelling as a grapheme of its own) after
 * whitespace normalisation (a grapheme {@code Saint Louis} matches across a line break), and only
 * whole words match: the characters on either side of a match are no letters, digits or combining
 * marks ({@code Nguyen's} contains {@code Nguyen}, {@code Nguyenville} does not). Where graphemes
 * overlap, the longest one starting first wins. The text is rewritten once, from left to right: an
 * alias is never rewritten again.
 *
 * <p>Immutable and thread-safe.
 */
public final class Lexicon {

    /** No entries: every text is sent as written. */
    public static final Lexicon NONE = new Lexicon(Map.of());

    private static final String NOT_BEFORE = "(?<![\\p{L}\\p{N}\\p{M}])";
    private static final String NOT_AFTER = "(?![\\p{L}\\p{N}\\p{M}])";
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final Map<String, LexiconEntry> entries;
    private final @Nullable Pattern graphemes;

    private Lexicon(Map<String, LexiconEntry> entries) {
        this.entries = entries;
        this.graphemes = entries.isEmpty() ? null : alternatives(entries.keySet(), false);
    }

    /** These entries; of two with the same grapheme the later one counts. */
    public static Lexicon of(List<LexiconEntry> entries) {
        Map<String, LexiconEntry> byGrapheme = new LinkedHashMap<>();
        entries.forEach(entry -> byGrapheme.put(entry.grapheme(), entry));
        return byGrapheme.isEmpty() ? NONE : new Lexicon(Map.copyOf(byGrapheme));
    }

    /** This lexicon with {@code more} on top: an entry of {@code more} replaces one with the same grapheme. */
    public Lexicon then(Lexicon more) {
        if (more.entries.isEmpty()) {
            return this;
        }
        if (entries.isEmpty()) {
            return more;
        }
        List<LexiconEntry> all = new ArrayList<>(entries.values());
        all.addAll(more.entries.values());
        return of(all);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    /** The text as it is sent, and the entries that applied to it. */
    public Spoken speak(String written) {
        if (graphemes == null) {
            return new Spoken(written, List.of());
        }
        Matcher match = graphemes.matcher(written);
        StringBuilder spoken = new StringBuilder(written.length());
        Set<LexiconEntry> applied = new LinkedHashSet<>();
        int from = 0;
        while (match.find()) {
            LexiconEntry entry = entries.get(collapse(match.group()));
            if (entry == null) {
                continue;
            }
            spoken.append(written, from, match.start()).append(entry.alias());
            applied.add(entry);
            from = match.end();
        }
        if (applied.isEmpty()) {
            return new Spoken(written, List.of());
        }
        spoken.append(written, from, written.length());
        return new Spoken(spoken.toString(), List.copyOf(applied));
    }

    /**
     * A transcript of a spoken form with each applied entry's alias turned back into its grapheme:
     * what the author wrote is what the published transcript and captions show. The alias is found
     * as whole words, in any case, its words separated by spaces, hyphens or nothing (a transcript
     * may write {@code Nee-shay} as {@code Nee shay}). A transcript in which the model said something
     * else keeps what it said.
     */
    public static Written written(String transcript, List<LexiconEntry> applied) {
        int[] positions = new int[transcript.length() + 1];
        if (applied.isEmpty()) {
            for (int i = 0; i < positions.length; i++) {
                positions[i] = i;
            }
            return new Written(transcript, positions);
        }
        List<LexiconEntry> longestFirst = applied.stream()
                .sorted(Comparator.comparingInt(
                                (LexiconEntry entry) -> entry.alias().length())
                        .reversed())
                .toList();
        Pattern aliases = Pattern.compile(
                longestFirst.stream()
                        .map(entry -> "(" + aliasPattern(entry.alias()) + ")")
                        .collect(Collectors.joining("|")),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        Matcher match = aliases.matcher(transcript);
        StringBuilder text = new StringBuilder(transcript.length());
        int from = 0;
        while (match.find()) {
            for (int i = from; i < match.start(); i++) {
                positions[i] = text.length() + i - from;
            }
            text.append(transcript, from, match.start());
            int start = text.length();
            for (int i = match.start(); i < match.end(); i++) {
                positions[i] = start;
            }
            text.append(longestFirst.get(group(match) - 1).grapheme());
            from = match.end();
        }
        for (int i = from; i <= transcript.length(); i++) {
            positions[i] = text.length() + i - from;
        }
        text.append(transcript, from, transcript.length());
        return new Written(text.toString(), positions);
    }

    /**
     * The applied entries as one string for a segment's or an episode's identity: the same entries
     * in any order give the same string; none give the empty string.
     */
    public static String identity(List<LexiconEntry> applied) {
        return applied.stream().map(LexiconEntry::identity).sorted().distinct().collect(Collectors.joining("\u0001"));
    }

    /** Whether {@code text} holds {@code grapheme} as whole words (case-sensitive). */
    static boolean contains(String text, String grapheme) {
        return alternatives(Set.of(grapheme), false).matcher(text).find();
    }

    /** Whitespace runs as single spaces, without leading or trailing whitespace (PLS normalisation). */
    static String collapse(String text) {
        return SPACES.matcher(text.strip()).replaceAll(" ");
    }

    private static int group(Matcher match) {
        for (int i = 1; i <= match.groupCount(); i++) {
            if (match.group(i) != null) {
                return i;
            }
        }
        throw new IllegalStateException("no alternative matched");
    }

    /** Whole-word alternatives, longest first so that a longer grapheme wins over its own start. */
    private static Pattern alternatives(Set<String> graphemes, boolean ignoreCase) {
        String alternatives = graphemes.stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .map(grapheme ->
                        SPACES.splitAsStream(grapheme).map(Pattern::quote).collect(Collectors.joining("\\s+")))
                .collect(Collectors.joining("|"));
        return Pattern.compile(
                NOT_BEFORE + "(?:" + alternatives + ")" + NOT_AFTER,
                ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
    }

    private static String aliasPattern(String alias) {
        String words = Pattern.compile("[\\s\\-\u2010\u2011\u2013]+")
                .splitAsStream(alias.strip())
                .filter(word -> !word.isEmpty())
                .map(Pattern::quote)
                .collect(Collectors.joining("[\\s\\-\u2010\u2011\u2013]*"));
        return NOT_BEFORE + words + NOT_AFTER;
    }
}
