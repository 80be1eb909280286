package dev.nightcast.realtime.protocol;

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
public final class PcmBuffer extends OutputStream {

    /** Value of each Latin-1 character in the standard base64 alphabet (RFC 4648 §4), -1 for all others. */
    private static final int[] BASE64 = new int[256];

    static {
        java.util.Arrays.fill(BASE64, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64[alphabet.charAt(i)] = i;
        }
    }

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

    /**
     * Appends the bytes of standard base64 text ({@code text[from, to)}, padding optional), decoded
     * in one pass straight from the characters into this buffer: no intermediate string or array.
     *
     * @throws IllegalArgumentException for a character outside the alphabet, misplaced padding, or
     *     a length that ends inside a byte
     */
    void appendBase64(String text, int from, int to) {
        int end = to;
        if (end > from && text.charAt(end - 1) == '=') {
            end--;
            if (end > from && text.charAt(end - 1) == '=') {
                end--;
            }
        }
        int chars = end - from;
        if (chars % 4 == 1 || (end != to && (to - from) % 4 != 0)) {
            throw new IllegalArgumentException("base64 of " + (to - from) + " characters does not end on a byte");
        }
        ensure(chars / 4 * 3 + 2);
        byte[] out = bytes;
        int o = length;
        int whole = from + chars / 4 * 4;
        int i = from;
        while (i < whole) {
            int bits = value(text.charAt(i)) << 18
                    | value(text.charAt(i + 1)) << 12
                    | value(text.charAt(i + 2)) << 6
                    | value(text.charAt(i + 3));
            if (bits < 0) {
                throw invalid(text, i, i + 4);
            }
            out[o] = (byte) (bits >> 16);
            out[o + 1] = (byte) (bits >> 8);
            out[o + 2] = (byte) bits;
            o += 3;
            i += 4;
        }
        int rest = end - whole;
        if (rest > 0) {
            int bits = value(text.charAt(i)) << 18
                    | value(text.charAt(i + 1)) << 12
                    | (rest == 3 ? value(text.charAt(i + 2)) << 6 : 0);
            if (bits < 0) {
                throw invalid(text, i, end);
            }
            out[o++] = (byte) (bits >> 16);
            if (rest == 3) {
                out[o++] = (byte) (bits >> 8);
            }
        }
        length = o;
    }

    // Any invalid character makes the combined bits negative (-1 shifted left stays negative).
    private static int value(char c) {
        return c < 256 ? BASE64[c] : -1;
    }

    private static IllegalArgumentException invalid(String text, int from, int to) {
        return new IllegalArgumentException("illegal base64 character in '" + text.substring(from, to) + "'");
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
