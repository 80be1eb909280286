package dev.nightcast.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decodes script files as strict UTF-8. */
public final class TextFiles {

    private TextFiles() {}

    /**
     * {@code bytes} decoded as UTF-8, without a leading byte order mark.
     *
     * @throws NotUtf8Exception when the bytes are not valid UTF-8 — decoding leniently would
     *     narrate replacement characters instead of the author's words
     */
    static String decodeUtf8(byte[] bytes) throws NotUtf8Exception {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CharsetDecoder decoder = strictDecoder();
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new NotUtf8Exception(lineAt(bytes, in.position()));
        }
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * A reader of {@code in} as strict UTF-8, without a leading byte order mark. A stream is never
     * held in memory whole, so a decoding error is reported as a {@link NotUtf8Exception} naming the
     * line of the first invalid byte.
     */
    public static Reader utf8Reader(InputStream in) {
        return new StrictUtf8Reader(in);
    }

    private static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static int lineAt(byte[] bytes, int position) {
        int line = 1;
        for (int i = 0; i < position && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * Decodes with a decoder of its own rather than {@link java.io.InputStreamReader}, which throws
     * on a bad byte without handing over the characters before it: those are returned first, so the
     * line count is exact when the error comes.
     */
    private static final class StrictUtf8Reader extends Reader {

        private final InputStream in;
        private final CharsetDecoder decoder = strictDecoder();
        private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
        private boolean endOfInput;
        private boolean started;
        private int line = 1;

        StrictUtf8Reader(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            CharBuffer out = CharBuffer.wrap(buffer, offset, length);
            while (true) {
                CoderResult result = decoder.decode(bytes, out, endOfInput);
                if (result.isError()) {
                    if (out.position() > offset) {
                        break;
                    }
                    throw new NotUtf8Exception(line);
                }
                if (result.isOverflow() || out.position() > offset) {
                    break;
                }
                if (endOfInput) {
                    decoder.flush(out);
                    break;
                }
                fill();
            }
            int read = out.position() - offset;
            if (read == 0) {
                return -1;
            }
            if (!started) {
                started = true;
                if (buffer[offset] == '\uFEFF') {
                    System.arraycopy(buffer, offset + 1, buffer, offset, --read);
                    if (read == 0) {
                        return read(buffer, offset, length);
                    }
                }
            }
            for (int i = offset; i < offset + read; i++) {
                if (buffer[i] == '\n') {
                    line++;
                }
            }
            return read;
        }

        private void fill() throws IOException {
            bytes.compact();
            int read = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            if (read < 0) {
                endOfInput = true;
            } else {
                bytes.position(bytes.position() + read);
            }
            bytes.flip();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** The file is readable but its bytes are not UTF-8 (typically saved as Windows-1252 or Latin-1). */
    public static final class NotUtf8Exception extends IOException {

        private final int line;

        NotUtf8Exception(int line) {
            super("not valid UTF-8 (first invalid byte on line " + line + ")");
            this.line = line;
        }

        /** The 1-based line holding the first invalid byte. */
        int line() {
            return line;
        }
    }
}
