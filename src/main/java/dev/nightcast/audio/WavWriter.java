package dev.nightcast.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Streams PCM16 mono 24 kHz audio into a RIFF/WAVE file as it arrives, so an episode never sits in
 * memory.
 *
 * <p>The 44-byte header is written first with both sizes 0 and patched by {@link #close()}; a file
 * whose sizes are still 0 reveals an interrupted write. {@link #mark()} and {@link #rewindTo(long)}
 * let a failed segment's partial audio be cut off before it is narrated again. Not thread-safe: one
 * narration owns a writer.
 *
 * <p>Audio arrives in deltas of a few kilobytes; they are gathered in a native buffer of
 * {@value #BUFFER_BYTES} bytes and written with one system call per buffer (a heap buffer would
 * be copied into a temporary native one on every write anyway). Until {@link #close()}, the last
 * bytes may not be in the file yet.
 *
 * <p>The audio is forced to disk every {@value #SYNC_BYTES} bytes while it streams in, when the
 * narration is waiting for the network anyway, so that {@link #close()}, which must force the
 * whole file before it can be published, finds little left to write and the next episode starts
 * sooner.
 */
public final class WavWriter implements AutoCloseable {

    static final int HEADER_BYTES = 44;
    static final int BUFFER_BYTES = 64 * 1024;
    static final long SYNC_BYTES = 1024 * 1024;
    private static final int SILENCE_CHUNK = 48_000;

    private final FileChannel channel;
    private final ByteBuffer pending = ByteBuffer.allocateDirect(BUFFER_BYTES);
    /** Data bytes already in the file; {@code pending} holds the ones after them. */
    private long flushed;
    /** Data bytes in the file that are not forced to disk yet. */
    private long unsynced;

    private boolean oddByteCarried;
    private byte carriedByte;
    private boolean closed;

    private WavWriter(FileChannel channel) {
        this.channel = channel;
    }

    /** Creates (or truncates) {@code file} and writes a provisional header. */
    public static WavWriter create(Path file) throws IOException {
        FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        try {
            writeFully(channel, header(0), 0);
            channel.position(HEADER_BYTES);
            return new WavWriter(channel);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Appends PCM bytes. An odd trailing byte (half a sample) is carried into the next call, so the
     * data chunk always holds whole samples.
     */
    public void write(ByteBuffer pcm) throws IOException {
        if (oddByteCarried && pcm.hasRemaining()) {
            room(2);
            pending.put(carriedByte).put(pcm.get());
            oddByteCarried = false;
        }
        int whole = pcm.remaining() - pcm.remaining() % 2;
        int end = pcm.position() + whole;
        while (pcm.position() < end) {
            room(2);
            int n = Math.min(pending.remaining() & ~1, end - pcm.position());
            pending.put(pcm.slice(pcm.position(), n));
            pcm.position(pcm.position() + n);
        }
        if (pcm.hasRemaining()) {
            carriedByte = pcm.get();
            oddByteCarried = true;
        }
    }

    /** Makes room for at least {@code bytes} in the buffer, writing it out when it is too full. */
    private void room(int bytes) throws IOException {
        if (pending.remaining() < bytes) {
            flush();
        }
    }

    private void flush() throws IOException {
        pending.flip();
        int n = pending.remaining();
        writeFully(channel, pending, HEADER_BYTES + flushed);
        flushed += n;
        pending.clear();
        unsynced += n;
        if (unsynced >= SYNC_BYTES) {
            channel.force(false);
            unsynced = 0;
        }
    }

    /** Appends digital silence (zero samples), e.g. the pause between two segments. */
    public void writeSilence(Duration duration) throws IOException {
        long remaining = PcmFormat.bytesFor(duration);
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(SILENCE_CHUNK, Math.max(remaining, 0)));
        while (remaining > 0) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), remaining));
            remaining -= zeros.remaining();
            write(zeros);
        }
    }

    /** The number of PCM data bytes written so far; pass it to {@link #rewindTo(long)} to undo later writes. */
    public long mark() {
        return dataBytes();
    }

    /** Drops every byte written after {@code mark}, e.g. the partial audio of a failed attempt. */
    public void rewindTo(long mark) throws IOException {
        if (mark < 0 || mark > dataBytes()) {
            throw new IllegalArgumentException("mark " + mark + " outside 0.." + dataBytes());
        }
        if (mark >= flushed) {
            pending.position((int) (mark - flushed));
        } else {
            pending.clear();
            channel.truncate(HEADER_BYTES + mark);
            flushed = mark;
        }
        oddByteCarried = false;
    }

    public long dataBytes() {
        return flushed + pending.position();
    }

    /** Patches both size fields, forces the file to disk and closes it. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (channel) {
            flush();
            writeFully(channel, header(flushed), 0);
            channel.force(true);
        }
    }

    /** The canonical 44-byte PCM header for {@code dataBytes} of audio. */
    static ByteBuffer header(long dataBytes) {
        if (dataBytes > 0xFFFF_FFFFL - 36) {
            throw new IllegalStateException("WAV data exceeds 4 GiB: " + dataBytes + " bytes");
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(new byte[] {'R', 'I', 'F', 'F'})
                .putInt((int) (36 + dataBytes))
                .put(new byte[] {'W', 'A', 'V', 'E'})
                .put(new byte[] {'f', 'm', 't', ' '})
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) PcmFormat.CHANNELS)
                .putInt(PcmFormat.SAMPLE_RATE)
                .putInt(PcmFormat.BYTE_RATE)
                .putShort((short) PcmFormat.BLOCK_ALIGN)
                .putShort((short) PcmFormat.BITS_PER_SAMPLE)
                .put(new byte[] {'d', 'a', 't', 'a'})
                .putInt((int) dataBytes);
        return header.flip();
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }
}
