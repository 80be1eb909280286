package dev.nightcast.publication;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Nightcast replaces a file only when it made it. The files it rewrites after every run (the review
 * page, the feed, the run summaries) carry a mark of their own near their start; a file under one
 * of those names without the mark is someone else's, and is never replaced. Episode files are
 * judged by the episode's row instead ({@link OutputOwnership}).
 */
public final class MadeByNightcast {

    /** The mark is in the first lines; reading further would only cost time on a large foreign file. */
    private static final int HEAD_BYTES = 64 * 1024;

    private MadeByNightcast() {}

    /**
     * Why {@code file} may not be replaced, naming it, or empty when it does not exist or is a file
     * Nightcast made (a regular file holding {@code mark} near its start).
     */
    public static Optional<String> foreign(Path file, String mark) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(HEAD_BYTES);
            }
            if (new String(head, StandardCharsets.UTF_8).contains(mark)) {
                return Optional.empty();
            }
        }
        return Optional.of(notOurs(file));
    }

    /** @throws ForeignFileException when {@code file} exists and Nightcast did not make it */
    public static void checkReplaceable(Path file, String mark) throws IOException {
        Optional<String> foreign = foreign(file, mark);
        if (foreign.isPresent()) {
            throw new ForeignFileException(foreign.get());
        }
    }

    private static String notOurs(Path file) {
        return file + " was not made by Nightcast, which only ever replaces its own files: move it away, or choose"
                + " another output folder";
    }

    /** Writing would replace a file Nightcast did not make; nothing was replaced. */
    public static final class ForeignFileException extends IOException {

        ForeignFileException(String message) {
            super(message);
        }
    }
}
