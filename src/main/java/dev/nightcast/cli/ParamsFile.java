package dev.nightcast.cli;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import dev.nightcast.job.RunParams;
import dev.nightcast.job.UsageException;

/**
 * Reads a job parameters file ({@code key=value}, Java properties syntax, UTF-8) and applies
 * command-line overrides on top of it.
 *
 * <p>Stricter than {@link Properties#load}, which keeps the last of two equal keys and decodes
 * bytes that are not UTF-8 into replacement characters: a key set twice and bytes that are not
 * UTF-8 are usage errors naming the file and line, so a run never goes ahead with a value the
 * operator did not mean. The syntax itself (comments, {@code =}, {@code :} or blank as separator,
 * continuation lines, escapes) is the JDK's: each logical line is handed to {@link Properties}.
 */
public final class ParamsFile {

    private ParamsFile() {}

    public static RunParams load(Path file, Map<String, String> overrides) {
        return RunParams.from(values(file, overrides)).withOrigin(RunParams.Origin.of(file, overrides));
    }

    /** The raw key/value pairs of {@code file} with {@code overrides} applied, not yet validated. */
    static Map<String, String> values(Path file, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        if (file != null) {
            values.putAll(read(file));
        }
        values.putAll(overrides);
        return values;
    }

    private static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("Params file " + file + " does not exist or is not a file");
        }
        String text;
        try {
            text = utf8(file, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UsageException("Cannot read params file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lineOfKey = new HashMap<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        int start = 0;
        while (start < lines.length) {
            int end = start;
            if (!isBlankOrComment(lines[start])) {
                // A line ending in an odd number of backslashes continues on the next one.
                while (end + 1 < lines.length && continues(lines[end])) {
                    end++;
                }
                entry(file, start + 1, String.join("\n", Arrays.copyOfRange(lines, start, end + 1)))
                        .ifPresent(entry -> {
                            Integer first = lineOfKey.putIfAbsent(
                                    entry.getKey(), entry.getValue().line());
                            if (first != null) {
                                throw new UsageException(
                                        file + ":" + entry.getValue().line() + ": '" + entry.getKey()
                                                + "' is set again (first on line " + first + "); set each key once");
                            }
                            values.put(entry.getKey(), entry.getValue().value());
                        });
            }
            start = end + 1;
        }
        return values;
    }

    private record Value(String value, int line) {}

    /** The one key/value pair of a logical line, parsed the way {@link Properties#load} parses it. */
    private static Optional<Map.Entry<String, Value>> entry(Path file, int line, String logicalLine) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(logicalLine));
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException(file + ":" + line + ": " + e.getMessage(), e);
        }
        return properties.stringPropertyNames().stream()
                .findFirst()
                .map(key -> Map.entry(key.strip(), new Value(properties.getProperty(key), line)));
    }

    private static boolean isBlankOrComment(String line) {
        String start = line.stripLeading();
        return start.isEmpty() || start.charAt(0) == '#' || start.charAt(0) == '!';
    }

    private static boolean continues(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /** Decodes strictly; a leading byte order mark is dropped. */
    private static String utf8(Path file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new UsageException(file + ":" + lineAt(bytes, in.position()) + ": not valid UTF-8 (byte 0x"
                    + String.format("%02x", bytes[in.position()] & 0xff) + "); save the file as UTF-8");
        }
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static int lineAt(byte[] bytes, int position) {
        int line = 1;
        for (int i = 0; i < position; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n')) {
                line++;
            }
        }
        return line;
    }
}
