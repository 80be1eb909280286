package dev.nightcast.script;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads script files as strict UTF-8. */
final class TextFiles {

    private TextFiles() {
    }

    /**
     * The whole file decoded as UTF-8, without a leading byte order mark.
     *
     * @throws NotUtf8Exception when the bytes are not valid UTF-8 — decoding leniently would
     *     narrate replacement characters instead of the author's words
     * @throws IOException when the file cannot be read
     */
    static String readUtf8(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new NotUtf8Exception(file, lineAt(bytes, in.position()));
        }
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
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

    /** The file is readable but its bytes are not UTF-8 (typically saved as Windows-1252 or Latin-1). */
    static final class NotUtf8Exception extends IOException {

        private final int line;

        NotUtf8Exception(Path file, int line) {
            super(file + " is not valid UTF-8 (first invalid byte on line " + line + ")");
            this.line = line;
        }

        /** The 1-based line holding the first invalid byte. */
        int line() {
            return line;
        }
    }
}
