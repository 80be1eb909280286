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
 */
public final class WavWriter implements AutoCloseable {

    static final int HEADER_BYTES = 44;
    private static final int SILENCE_CHUNK = 48_000;

    private final FileChannel channel;
    private long dataBytes;
    private boolean oddByteCarried;
    private byte carriedByte;
    private boolean closed;

    private WavWriter(FileChannel channel) {
        this.channel = channel;
    }

    /** Creates (or truncates) {@code file} and writes a provisional header. */
    public static WavWriter create(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
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
            ByteBuffer pair = ByteBuffer.wrap(new byte[] {carriedByte, pcm.get()});
            writeFully(channel, pair, HEADER_BYTES + dataBytes);
            dataBytes += 2;
            oddByteCarried = false;
        }
        int whole = pcm.remaining() - pcm.remaining() % 2;
        if (whole > 0) {
            ByteBuffer slice = pcm.slice(pcm.position(), whole);
            writeFully(channel, slice, HEADER_BYTES + dataBytes);
            dataBytes += whole;
            pcm.position(pcm.position() + whole);
        }
        if (pcm.hasRemaining()) {
            carriedByte = pcm.get();
            oddByteCarried = true;
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
        return dataBytes;
    }

    /** Drops every byte written after {@code mark}, e.g. the partial audio of a failed attempt. */
    public void rewindTo(long mark) throws IOException {
        if (mark < 0 || mark > dataBytes) {
            throw new IllegalArgumentException("mark " + mark + " outside 0.." + dataBytes);
        }
        channel.truncate(HEADER_BYTES + mark);
        dataBytes = mark;
        oddByteCarried = false;
    }

    public long dataBytes() {
        return dataBytes;
    }

    /** Patches both size fields, forces the file to disk and closes it. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (channel) {
            writeFully(channel, header(dataBytes), 0);
            channel.force(true);
        }
    }

    /** The canonical 44-byte PCM header for {@code dataBytes} of audio. */
    static ByteBuffer header(long dataBytes) {
        if (dataBytes > 0xFFFF_FFFFL - 36) {
            throw new IllegalStateException("WAV data exceeds 4 GiB: " + dataBytes + " bytes");
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(new byte[] {'R', 'I', 'F', 'F'}).putInt((int) (36 + dataBytes))
                .put(new byte[] {'W', 'A', 'V', 'E'})
                .put(new byte[] {'f', 'm', 't', ' '}).putInt(16)
                .putShort((short) 1)
                .putShort((short) PcmFormat.CHANNELS)
                .putInt(PcmFormat.SAMPLE_RATE)
                .putInt(PcmFormat.BYTE_RATE)
                .putShort((short) PcmFormat.BLOCK_ALIGN)
                .putShort((short) PcmFormat.BITS_PER_SAMPLE)
                .put(new byte[] {'d', 'a', 't', 'a'}).putInt((int) dataBytes);
        return header.flip();
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }
}
