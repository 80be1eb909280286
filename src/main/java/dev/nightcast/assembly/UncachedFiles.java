package dev.nightcast.assembly;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Arrays;

import com.sun.nio.file.ExtendedOpenOption;

/**
 * Opens a segment's kept audio bypassing the page cache ({@code O_DIRECT}) where the file system
 * allows it. That audio is written once, read back once when the episode is assembled, then
 * deleted: the cache gains nothing from it, and copying an evening's audio into the cache was the
 * largest part of the narration threads' CPU (measured with {@code perf}). Where {@code O_DIRECT}
 * is refused (tmpfs, some network or overlay file systems) the file is opened as usual.
 *
 * <p>Direct I/O wants buffers, positions and lengths aligned to the file system's block size; a
 * {@link Handle} says which alignment its channel needs (1 when not direct).
 */
final class UncachedFiles {

    private UncachedFiles() {}

    /** An open channel and the alignment its reads and writes must keep. */
    record Handle(FileChannel channel, int alignment) {}

    static Handle open(Path file, OpenOption... options) throws IOException {
        try {
            long block = Files.getFileStore(file.toAbsolutePath().getParent()).getBlockSize();
            if (block > 1 && block <= 64 * 1024 && Long.bitCount(block) == 1) {
                OpenOption[] direct = Arrays.copyOf(options, options.length + 1);
                direct[options.length] = ExtendedOpenOption.DIRECT;
                return new Handle(FileChannel.open(file, direct), (int) block);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported here: the page cache it is.
        }
        return new Handle(FileChannel.open(file, options), 1);
    }

    /** A native buffer of {@code bytes} whose address is a multiple of {@code alignment}. */
    static ByteBuffer buffer(int bytes, int alignment) {
        return ByteBuffer.allocateDirect(bytes + alignment)
                .alignedSlice(alignment)
                .limit(bytes)
                .slice();
    }

    /** {@code bytes} rounded up to a multiple of {@code alignment}. */
    static int roundUp(int bytes, int alignment) {
        return (bytes + alignment - 1) / alignment * alignment;
    }
}
