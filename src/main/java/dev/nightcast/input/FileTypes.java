package dev.nightcast.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Names what a file that is not a regular file is, for messages an operator can act on. */
final class FileTypes {

    private static final int TYPE_BITS = 0170000;
    private static final int FIFO = 0010000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int SOCKET = 0140000;

    private FileTypes() {}

    /** "a folder", "a named pipe (FIFO)", "a socket", "a character device", ... */
    static String describe(Path file, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a folder";
        }
        if (attributes.isSymbolicLink()) {
            return "a link";
        }
        return switch (unixMode(file) & TYPE_BITS) {
            case FIFO -> "a named pipe (FIFO)";
            case SOCKET -> "a socket";
            case CHARACTER_DEVICE -> "a character device";
            case BLOCK_DEVICE -> "a block device";
            default -> "a special file";
        };
    }

    /** The file's mode bits where the file system has them (POSIX), else 0. Does not open the file. */
    private static int unixMode(Path file) {
        try {
            return (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 0;
        }
    }
}
