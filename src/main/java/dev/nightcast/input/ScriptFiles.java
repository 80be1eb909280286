package dev.nightcast.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Opens input files only when they are what a script must be, so that the text of an episode can
 * only ever come from the input:
 * <ol>
 * <li>its real path (every link followed) lies inside one of the allowed roots: otherwise a link
 *     or a {@code ../} leads outside the input, and the file is never opened;</li>
 * <li>it is a regular file: a named pipe would block the open forever, a device never ends, a
 *     socket or a folder has no text. The type is read from the real path without following
 *     links, so nothing is opened to find out;</li>
 * <li>it is not larger than the limit, measured before reading; and reading stops one byte past
 *     the limit whatever the size said, since a file can grow or (under {@code /proc}) claim to
 *     be empty.</li>
 * </ol>
 * The file is then opened by its real path without following links, and decoded as strict UTF-8.
 */
public final class ScriptFiles {

    private final List<Path> roots;
    private final long maxBytes;

    /**
     * The text of a file, or why it cannot be used.
     *
     * @param text the file's text; empty when it cannot be used
     * @param problem a sentence naming what is wrong (no file name: callers say how the file was named)
     */
    public record Text(String text, @Nullable String problem) {

        static Text problem(String problem) {
            return new Text("", problem);
        }

        public boolean isRead() {
            return problem == null;
        }
    }

    /**
     * @param roots the folders files may come from, as real paths
     * @param maxBytes the largest file that is read
     */
    public ScriptFiles(List<Path> roots, long maxBytes) {
        this.roots = List.copyOf(roots);
        this.maxBytes = maxBytes;
    }

    /** The real path of an existing folder, to use as a root. */
    static Path root(Path folder) throws IOException {
        return folder.toRealPath();
    }

    /** These files, plus {@code folder} as another root (a CSV's own folder). */
    public ScriptFiles alsoFrom(Path folder) {
        try {
            Path root = root(folder);
            return roots.contains(root)
                    ? this
                    : new ScriptFiles(
                            Stream.concat(roots.stream(), Stream.of(root)).toList(), maxBytes);
        } catch (IOException e) {
            // The folder cannot be resolved, so nothing in it could be read either.
            return this;
        }
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Why {@code file} may not be opened, or null when it may: the checks 1 and 2 above. A CSV
     * passes only these, since it is streamed row by row with every cell bounded instead.
     */
    public @Nullable String problemOpening(Path file) {
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            return "does not exist" + (Files.isSymbolicLink(file) ? " (a link to a missing file)" : "");
        } catch (AccessDeniedException e) {
            return "cannot be read: permission denied";
        } catch (IOException e) {
            return "cannot be read: " + e.getMessage();
        }
        if (roots.stream().noneMatch(real::startsWith)) {
            return "leads outside the input (it is " + real + "; scripts are read only from inside "
                    + (roots.size() == 1 ? roots.get(0) : roots) + ")";
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return "cannot be read: " + e.getMessage();
        }
        if (!attributes.isRegularFile()) {
            return "is " + FileTypes.describe(real, attributes) + ", not a regular file";
        }
        return null;
    }

    /** The text of {@code file}, or why it cannot be used (all three checks). Never blocks on a named pipe. */
    public Text read(Path file) {
        String problem = problemOpening(file);
        if (problem != null) {
            return Text.problem(problem);
        }
        Path real;
        byte[] bytes;
        try {
            real = file.toRealPath();
            long size = Files.size(real);
            if (size > maxBytes) {
                return Text.problem("is " + size + " bytes; scripts may have at most " + maxBytes
                        + " (nightcast.input.max-script-size)");
            }
            bytes = readAtMost(real, maxBytes);
        } catch (AccessDeniedException e) {
            return Text.problem("cannot be read: permission denied");
        } catch (IOException e) {
            return Text.problem("cannot be read: " + e.getMessage());
        }
        if (bytes == null) {
            return Text.problem("holds more than " + maxBytes + " bytes; scripts may have at most " + maxBytes
                    + " (nightcast.input.max-script-size)");
        }
        try {
            return new Text(TextFiles.decodeUtf8(bytes), null);
        } catch (TextFiles.NotUtf8Exception e) {
            return Text.problem("is not valid UTF-8 (first invalid byte on line " + e.line() + "); save it as UTF-8");
        }
    }

    /** The file's bytes, or null when it holds more than {@code limit}. */
    static byte @Nullable [] readAtMost(Path real, long limit) throws IOException {
        try (InputStream in = open(real)) {
            byte[] bytes = in.readNBytes(Math.toIntExact(Math.min(limit + 1, Integer.MAX_VALUE - 8)));
            return bytes.length > limit ? null : bytes;
        }
    }

    /**
     * Opens a real path (one {@link #problemOpening} accepted) without following links, so that a
     * link put in its place since cannot redirect the read.
     */
    public static InputStream open(Path real) throws IOException {
        return Channels.newInputStream(Files.newByteChannel(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
    }
}
