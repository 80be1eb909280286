package dev.nightcast.realtime;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reused target for base64-decoded audio, so a delta is decoded exactly once and never copied
 * again. Hands out whole 16-bit samples only: an odd trailing byte is carried into the next delta
 * of the same response.
 *
 * <p>Not thread-safe; one per session.
 */
final class PcmBuffer extends OutputStream {

    private byte[] bytes = new byte[16 * 1024];
    private int length;
    private int carry = -1;

    /** Starts a delta, putting the byte carried over from the previous one first. */
    void begin() {
        length = 0;
        if (carry >= 0) {
            bytes[length++] = (byte) carry;
            carry = -1;
        }
    }

    /** Ends a delta: the whole samples decoded so far; an odd last byte is kept for the next delta. */
    ByteBuffer samples() {
        int whole = length & ~1;
        if (whole != length) {
            carry = bytes[length - 1] & 0xff;
        }
        return ByteBuffer.wrap(bytes, 0, whole);
    }

    /** Forgets a carried byte, at the start of a response. */
    void reset() {
        carry = -1;
        length = 0;
    }

    /** True when a byte is waiting for its other half. */
    boolean hasCarry() {
        return carry >= 0;
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[length++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, length, len);
        length += len;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
