package dev.nightcast.narration;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits speakable text into segments that one Realtime response can carry.
 *
 * <p>One response emits at most 4,096 output tokens (about 2.5 minutes of speech), so segments stay
 * under {@code maxWords}. Splits fall at paragraph boundaries first, then sentence boundaries, and
 * only for a single overlong sentence between words. Paragraphs are packed together while they fit,
 * so short paragraphs do not become short fragments that lose natural prosody.
 */
public final class Segmenter {

    private final int maxWords;

    public Segmenter(int maxWords) {
        if (maxWords < 10) {
            throw new IllegalArgumentException("maxWords must be at least 10, was " + maxWords);
        }
        this.maxWords = maxWords;
    }

    public List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        for (String paragraph : text.strip().split("\\n\\s*\\n")) {
            String normalized = paragraph.strip().replaceAll("\\s+", " ");
            if (normalized.isEmpty()) {
                continue;
            }
            if (wordCount(normalized) <= maxWords) {
                pieces.add(normalized);
            } else {
                pieces.addAll(splitParagraph(normalized));
            }
        }
        return pack(pieces);
    }

    /** Greedily joins consecutive pieces (paragraphs or sentence groups) while they fit. */
    private List<String> pack(List<String> pieces) {
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int currentWords = 0;
        for (String piece : pieces) {
            int words = wordCount(piece);
            if (currentWords > 0 && currentWords + words > maxWords) {
                segments.add(current.toString());
                current.setLength(0);
                currentWords = 0;
            }
            if (currentWords > 0) {
                current.append("\n\n");
            }
            current.append(piece);
            currentWords += words;
        }
        if (currentWords > 0) {
            segments.add(current.toString());
        }
        return segments;
    }

    private List<String> splitParagraph(String paragraph) {
        List<String> sentences = new ArrayList<>();
        BreakIterator iterator = BreakIterator.getSentenceInstance(Locale.ROOT);
        iterator.setText(paragraph);
        for (int start = iterator.first(), end = iterator.next(); end != BreakIterator.DONE;
                start = end, end = iterator.next()) {
            String sentence = paragraph.substring(start, end).strip();
            if (sentence.isEmpty()) {
                continue;
            }
            if (wordCount(sentence) <= maxWords) {
                sentences.add(sentence);
            } else {
                sentences.addAll(splitBetweenWords(sentence));
            }
        }
        // Sentences of one paragraph are joined with a space, not a paragraph break.
        List<String> groups = new ArrayList<>();
        StringBuilder group = new StringBuilder();
        int groupWords = 0;
        for (String sentence : sentences) {
            int words = wordCount(sentence);
            if (groupWords > 0 && groupWords + words > maxWords) {
                groups.add(group.toString());
                group.setLength(0);
                groupWords = 0;
            }
            if (groupWords > 0) {
                group.append(' ');
            }
            group.append(sentence);
            groupWords += words;
        }
        if (groupWords > 0) {
            groups.add(group.toString());
        }
        return balanceTail(groups);
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

    /**
     * When the last group of a long paragraph is a short fragment, moves sentences from the group
     * before it so both read naturally.
     */
    private List<String> balanceTail(List<String> groups) {
        if (groups.size() < 2) {
            return groups;
        }
        int last = groups.size() - 1;
        int minWords = maxWords / 4;
        if (wordCount(groups.get(last)) >= minWords) {
            return groups;
        }
        List<String> previousSentences = sentencesOf(groups.get(last - 1));
        StringBuilder tail = new StringBuilder(groups.get(last));
        while (previousSentences.size() > 1 && wordCount(tail.toString()) < minWords) {
            String moved = previousSentences.remove(previousSentences.size() - 1);
            if (wordCount(moved) + wordCount(tail.toString()) > maxWords) {
                previousSentences.add(moved);
                break;
            }
            tail.insert(0, moved + " ");
        }
        List<String> balanced = new ArrayList<>(groups.subList(0, last - 1));
        balanced.add(String.join(" ", previousSentences));
        balanced.add(tail.toString());
        return balanced;
    }

    private static List<String> sentencesOf(String text) {
        List<String> sentences = new ArrayList<>();
        BreakIterator iterator = BreakIterator.getSentenceInstance(Locale.ROOT);
        iterator.setText(text);
        for (int start = iterator.first(), end = iterator.next(); end != BreakIterator.DONE;
                start = end, end = iterator.next()) {
            String sentence = text.substring(start, end).strip();
            if (!sentence.isEmpty()) {
                sentences.add(sentence);
            }
        }
        return sentences;
    }

    static int wordCount(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }
}
