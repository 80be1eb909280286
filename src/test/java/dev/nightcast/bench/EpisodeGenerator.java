package dev.nightcast.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a CSV of generated episodes: plain prose in sentences of ten words and paragraphs of
 * about 120 words, so the segmenter splits long episodes at paragraph boundaries as it would
 * real scripts.
 */
final class EpisodeGenerator {

    private static final String[] WORDS = {
        "the",
        "quiet",
        "river",
        "carried",
        "old",
        "stories",
        "past",
        "sleeping",
        "towns",
        "while",
        "lanterns",
        "glowed",
        "softly",
        "over",
        "water",
        "and",
        "patient",
        "boatmen",
        "sang",
        "about",
        "distant",
        "harbours",
        "morning",
        "bread",
        "winter",
        "roads",
        "gentle",
        "hills",
        "bright",
        "stars"
    };
    private static final int SENTENCE = 10;
    private static final int PARAGRAPH_SENTENCES = 12;

    private EpisodeGenerator() {}

    /** {@code episodes} rows {@code bench-0001 ...}, each of exactly {@code words} words. */
    static Path write(Path csv, int episodes, int words) throws IOException {
        Files.createDirectories(csv.getParent());
        try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("episode_id,title,script\n");
            for (int e = 1; e <= episodes; e++) {
                String id = String.format("bench-%04d", e);
                out.write(id + ",Benchmark episode " + e + ",\"" + prose(e, words) + "\"\n");
            }
        }
        return csv;
    }

    static String prose(int seed, int words) {
        StringBuilder text = new StringBuilder(words * 7);
        for (int w = 0; w < words; w++) {
            int inSentence = w % SENTENCE;
            if (w > 0) {
                boolean paragraph = w % (SENTENCE * PARAGRAPH_SENTENCES) == 0;
                text.append(inSentence == 0 ? (paragraph ? ".\n\n" : ". ") : " ");
            }
            String word = WORDS[(seed * 7 + w * 13 + w / SENTENCE) % WORDS.length];
            text.append(inSentence == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
        }
        return text.append('.').toString();
    }
}
