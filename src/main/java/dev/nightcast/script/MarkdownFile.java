package dev.nightcast.script;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A markdown episode file: optional YAML front matter, then the markdown body.
 *
 * <p>Front matter is recognised only when the very first line is {@code ---}; it ends at the next
 * line that is {@code ---} (or YAML's {@code ...}). Its line numbers in messages are file lines.
 *
 * @param frontMatter the known keys; all {@code null} when the file has no front matter
 * @param speech the converted body
 */
record MarkdownFile(FrontMatter frontMatter, MarkdownSpeech.Speech speech) {

    private static final Logger log = LoggerFactory.getLogger(MarkdownFile.class);

    /** Keys we use now, and keys reserved for later that must not trigger a warning. */
    private static final Set<String> KNOWN_KEYS = Set.of("id", "title", "voice", "instructions", "speed",
            "speakers");

    /**
     * The values front matter may set. Each is {@code null} when absent.
     */
    record FrontMatter(String id, String title, String voice, String instructions) {

        static final FrontMatter NONE = new FrontMatter(null, null, null, null);
    }

    /** The front matter cannot be used; the message names the file and the line. */
    static final class BadFrontMatterException extends Exception {

        BadFrontMatterException(String message) {
            super(message);
        }
    }

    /**
     * Splits and parses {@code content} (already decoded, BOM removed).
     *
     * @param name how to name the file in messages
     * @throws BadFrontMatterException when the front matter is unterminated, not valid YAML, not a
     *     mapping, or a known key holds a list or mapping instead of a single value
     */
    static MarkdownFile parse(String content, String name) throws BadFrontMatterException {
        String text = content.replace("\r\n", "\n").replace('\r', '\n');
        String[] lines = text.split("\n", -1);
        if (lines.length == 0 || !lines[0].strip().equals("---")) {
            return new MarkdownFile(FrontMatter.NONE, MarkdownSpeech.convert(text));
        }
        int end = -1;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.equals("---") || line.equals("...")) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw new BadFrontMatterException(name + ": the front matter opened by '---' on line 1 is never"
                    + " closed; add a line with '---' after it");
        }
        String yaml = String.join("\n", List.of(lines).subList(1, end));
        String body = String.join("\n", List.of(lines).subList(end + 1, lines.length));
        FrontMatter frontMatter = frontMatter(yaml, name);
        return new MarkdownFile(frontMatter, MarkdownSpeech.convert(body));
    }

    private static FrontMatter frontMatter(String yaml, String name) throws BadFrontMatterException {
        Object loaded;
        try {
            LoaderOptions options = new LoaderOptions();
            // A repeated key is almost always a copy-paste mistake; silently keeping the last one
            // would narrate with the wrong voice.
            options.setAllowDuplicateKeys(false);
            loaded = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? ""
                    : " at line " + (mark.getLine() + 2) + ", column " + (mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new BadFrontMatterException(name + ": the front matter is not valid YAML" + where + ": "
                    + problem);
        } catch (YAMLException e) {
            throw new BadFrontMatterException(name + ": the front matter is not valid YAML: " + e.getMessage());
        }
        if (loaded == null) {
            return FrontMatter.NONE;
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new BadFrontMatterException(name + ": the front matter must be 'key: value' lines"
                    + " (id, title, voice, instructions)");
        }
        List<String> unknown = new ArrayList<>();
        for (Object key : map.keySet()) {
            if (!KNOWN_KEYS.contains(String.valueOf(key))) {
                unknown.add(String.valueOf(key));
            }
        }
        if (!unknown.isEmpty()) {
            // Not an error (front matter is shared with other tools), but a misspelt "voice" would
            // otherwise go unnoticed.
            log.warn("{}: ignoring unknown front matter keys {}; known keys are id, title, voice, instructions",
                    name, unknown);
        }
        return new FrontMatter(scalar(map, "id", name), scalar(map, "title", name), scalar(map, "voice", name),
                scalar(map, "instructions", name));
    }

    private static String scalar(Map<?, ?> map, String key, String name) throws BadFrontMatterException {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            throw new BadFrontMatterException(name + ": front matter key '" + key
                    + "' must be a single value, not a list or a mapping");
        }
        // Numbers and booleans are fine as text ("id: 42").
        return String.valueOf(value);
    }
}
