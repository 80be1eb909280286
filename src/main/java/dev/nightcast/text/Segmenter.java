package dev.nightcast.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits speakable text into segments that one Realtime response can carry.
 *
 * <p>One response emits at most 4,096 output tokens (about 2.5 minutes of speech), so segments stay
 * under {@code maxWords}. The text is cut into sentences (see {@link Sentences}); a sentence longer
 * than a segment is cut between words into even parts, preferably after a comma, so a word is never
 * cut. Then the sentences are grouped into segments by dynamic programming, choosing the seams that
 * cost least overall:
 * <ul>
 * <li>a seam between paragraphs is free, between sentences of one paragraph it costs about as much as
 *     a segment left nearly empty, inside a sentence more: paragraphs are kept whole when they fit;</li>
 * <li>a segment costs the square of its unused share of {@code maxWords}, so segments are long and
 *     even rather than one full and one nearly empty;</li>
 * <li>a segment under a fifth of {@code maxWords} costs extra: very short fragments lose natural
 *     prosody, so a short last paragraph joins its neighbour even at the price of a sentence seam.</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class Segmenter {

    private static final double SENTENCE_SEAM = 1.0;
    private static final double WORD_SEAM = 3.0;
    private static final double SHORT_FRAGMENT = 2.0;

    private final int maxWords;
    private final int minWords;

    public Segmenter(int maxWords) {
        if (maxWords < 10) {
            throw new IllegalArgumentException("maxWords must be at least 10, was " + maxWords);
        }
        this.maxWords = maxWords;
        this.minWords = maxWords / 5;
    }

    /**
     * A segment.
     *
     * @param text sentences of one paragraph joined by a space, paragraphs by a blank line
     * @param startsParagraph true when the segment begins a paragraph (the text's first segment too),
     *     false when it continues the paragraph the previous segment ended in
     */
    public record Piece(String text, boolean startsParagraph) {}

    public List<String> split(String text) {
        return pieces(text).stream().map(Piece::text).toList();
    }

    public List<Piece> pieces(String text) {
        List<Unit> units = units(text);
        int n = units.size();
        double[] best = new double[n + 1];
        int[] from = new int[n + 1];
        for (int end = 1; end <= n; end++) {
            best[end] = Double.MAX_VALUE;
            int words = 0;
            for (int start = end - 1; start >= 0; start--) {
                words += units.get(start).words;
                if (words > maxWords && start < end - 1) {
                    break;
                }
                double cost = best[start] + segmentCost(words) + (start > 0 ? units.get(start).seam : 0);
                if (cost < best[end]) {
                    best[end] = cost;
                    from[end] = start;
                }
            }
        }
        List<Piece> pieces = new ArrayList<>();
        for (int end = n; end > 0; end = from[end]) {
            pieces.add(0, join(units.subList(from[end], end)));
        }
        return pieces;
    }

    private double segmentCost(int words) {
        double slack = (maxWords - words) / (double) maxWords;
        return slack * slack + (words < minWords ? SHORT_FRAGMENT : 0);
    }

    private static Piece join(List<Unit> units) {
        StringBuilder text = new StringBuilder();
        for (Unit unit : units) {
            if (text.length() > 0) {
                text.append(unit.seam == 0 ? "\n\n" : " ");
            }
            text.append(unit.text);
        }
        return new Piece(text.toString(), units.get(0).seam == 0);
    }

    /** Sentences (or parts of overlong ones), each with the cost of a seam before it. */
    private List<Unit> units(String text) {
        List<Unit> units = new ArrayList<>();
        for (String paragraph : text.strip().split("\\n\\s*\\n")) {
            String normalized = paragraph.strip().replaceAll("\\s+", " ");
            if (normalized.isEmpty()) {
                continue;
            }
            double seam = 0;
            for (String sentence : Sentences.of(normalized)) {
                List<String> parts = wordCount(sentence) <= maxWords ? List.of(sentence) : splitBetweenWords(sentence);
                for (int i = 0; i < parts.size(); i++) {
                    units.add(new Unit(parts.get(i), wordCount(parts.get(i)), i == 0 ? seam : WORD_SEAM));
                }
                seam = SENTENCE_SEAM;
            }
        }
        return units;
    }

    /**
     * A sentence longer than a segment: cut between words into pieces of even length (so no tiny
     * tail is left), each cut moved back to just after a comma when one is near.
     */
    private List<String> splitBetweenWords(String sentence) {
        String[] words = sentence.split(" ");
        int pieces = (words.length + maxWords - 1) / maxWords;
        int target = (words.length + pieces - 1) / pieces;
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (start < words.length) {
            int end = Math.min(start + target, words.length);
            if (end < words.length) {
                for (int i = end - 1; i > start + target / 2; i--) {
                    if (words[i].endsWith(",") || words[i].endsWith(";")) {
                        end = i + 1;
                        break;
                    }
                }
            }
            parts.add(String.join(" ", List.of(words).subList(start, end)));
            start = end;
        }
        return parts;
    }

    public static int wordCount(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }

    private record Unit(String text, int words, double seam) {}
}
