package dev.nightcast.support;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Readable, deterministic script text for job tests. */
public final class TestScripts {

    private TestScripts() {}

    /** {@code paragraphs} paragraphs of ten-word sentences, {@code wordsPerParagraph} words each. */
    public static String prose(String tag, int paragraphs, int wordsPerParagraph) {
        return IntStream.range(0, paragraphs)
                .mapToObj(p -> IntStream.range(0, wordsPerParagraph / 10)
                        .mapToObj(s -> "The " + tag + " story " + p + " goes on " + s + " with calm words.")
                        .collect(Collectors.joining(" ")))
                .collect(Collectors.joining("\n\n"));
    }
}
