package dev.nightcast.script;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A markdown episode file: optional YAML front matter, then the markdown body.
 *
 * <p>Front matter is recognised only when the very first line is {@code ---}; it ends at the next
 * line that is {@code ---} (or YAML's {@code ...}). Its line numbers in messages are file lines.
 *
 * <p>With {@code speakers:} in the front matter, or two different speaker labels in the body, the
 * file is a dialogue (see {@link Passages}).
 *
 * @param frontMatter the known keys; all {@code null} when the file has no front matter
 * @param speech the converted body, with line numbers of the file
 */
record MarkdownFile(FrontMatter frontMatter, MarkdownSpeech.Speech speech) {

    private static final Logger log = LoggerFactory.getLogger(MarkdownFile.class);

    private static final Set<String> KNOWN_KEYS = Set.of(
            "id",
            "title",
            "voice",
            "instructions",
            "speed",
            "speakers",
            "description",
            "date",
            "explicit",
            "image",
            "lexicon");

    /**
     * The values front matter may set. Each is {@code null} when absent.
     *
     * @param speakers speaker label to voice as written ({@code speakers: {HOST: alloy, GUEST: verse}});
     *     empty when absent
     * @param listing {@code description}, {@code date}, {@code explicit} and {@code image} as written
     * @param lexicons the lexicon files the script names ({@code lexicon: people.pls} or a list),
     *     relative to the script's folder; empty when absent
     */
    record FrontMatter(
            @Nullable String id,
            @Nullable String title,
            @Nullable String voice,
            @Nullable String instructions,
            @Nullable String speed,
            Map<String, String> speakers,
            DraftListing listing,
            List<String> lexicons) {

        static final FrontMatter NONE =
                new FrontMatter(null, null, null, null, null, Map.of(), DraftListing.NONE, List.of());

        FrontMatter {
            speakers = speakers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(speakers));
            listing = listing == null ? DraftListing.NONE : listing;
            lexicons = lexicons == null ? List.of() : List.copyOf(lexicons);
        }
    }

    /** The passages of the body, as read from {@code file}. */
    List<DraftPassage> passages(Path file) {
        return Passages.of(speech, file, !frontMatter.speakers().isEmpty());
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
            return new MarkdownFile(FrontMatter.NONE, MarkdownSpeech.convert(text, 0, SpeakerLabels.CAPITALS_ONLY));
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
        SpeakerLabels labels =
                new SpeakerLabels(List.copyOf(frontMatter.speakers().keySet()));
        return new MarkdownFile(frontMatter, MarkdownSpeech.convert(body, end + 1, labels));
    }

    /**
     * The front matter as YAML nodes rather than Java values, so that every scalar is its text as
     * written: {@code id: 010} is episode {@code 010}, not the octal number 8, and {@code title: yes}
     * is "yes", not "true". An explicit null ({@code ~}, {@code null}, nothing) leaves a key unset.
     */
    private static FrontMatter frontMatter(String yaml, String name) throws BadFrontMatterException {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw notYaml(name, mark, e.getProblem() != null ? e.getProblem() : e.getMessage());
        } catch (YAMLException e) {
            throw new BadFrontMatterException(name + ": the front matter is not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            return FrontMatter.NONE;
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new BadFrontMatterException(name + ": the front matter must be 'key: value' lines"
                    + " (id, title, voice, instructions, speed, speakers, description, date, explicit, image,"
                    + " lexicon)");
        }
        Map<String, Node> map = entries(mapping, name);
        List<String> unknown =
                map.keySet().stream().filter(key -> !KNOWN_KEYS.contains(key)).toList();
        if (!unknown.isEmpty()) {
            // Not an error (front matter is shared with other tools), but a misspelt "voice" would
            // otherwise go unnoticed.
            log.warn(
                    "{}: ignoring unknown front matter keys {}; known keys are id, title, voice, instructions,"
                            + " speed, speakers, description, date, explicit, image, lexicon",
                    name,
                    unknown);
        }
        return new FrontMatter(
                scalar(map, "id", name),
                scalar(map, "title", name),
                scalar(map, "voice", name),
                scalar(map, "instructions", name),
                scalar(map, "speed", name),
                speakers(map, name),
                new DraftListing(
                        scalar(map, "description", name),
                        scalar(map, "date", name),
                        scalar(map, "explicit", name),
                        scalar(map, "image", name)),
                lexicons(map, name));
    }

    /** {@code lexicon:} as one file name or a list of them. */
    private static List<String> lexicons(Map<String, Node> map, String name) throws BadFrontMatterException {
        Node value = map.get("lexicon");
        if (value == null) {
            return List.of();
        }
        List<Node> items = value instanceof SequenceNode sequence ? sequence.getValue() : List.of(value);
        List<String> files = new ArrayList<>();
        for (Node item : items) {
            if (!(item instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
                throw new BadFrontMatterException(name + ": front matter key 'lexicon' must name a lexicon file or"
                        + " a list of them, e.g. lexicon: people.pls");
            }
            files.add(scalar.getValue().strip());
        }
        return files;
    }

    /**
     * The mapping's entries by key text, in file order. A repeated key is almost always a
     * copy-paste mistake; silently keeping the last one would narrate with the wrong voice.
     */
    private static Map<String, Node> entries(MappingNode mapping, String name) throws BadFrontMatterException {
        Map<String, Node> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node key = tuple.getKeyNode();
            String text = key instanceof ScalarNode scalar ? scalar.getValue() : String.valueOf(key);
            if (entries.putIfAbsent(text, tuple.getValueNode()) != null) {
                throw notYaml(name, key.getStartMark(), "found duplicate key " + text);
            }
        }
        return entries;
    }

    private static BadFrontMatterException notYaml(String name, @Nullable Mark mark, @Nullable String problem) {
        // The front matter starts on the file's second line.
        String where = mark == null ? "" : " at line " + (mark.getLine() + 2) + ", column " + (mark.getColumn() + 1);
        return new BadFrontMatterException(name + ": the front matter is not valid YAML" + where + ": " + problem);
    }

    /** {@code speakers:} as a mapping of label to voice, in file order. */
    private static Map<String, String> speakers(Map<String, Node> map, String name) throws BadFrontMatterException {
        Node value = map.get("speakers");
        if (value == null || isNull(value)) {
            return Map.of();
        }
        if (!(value instanceof MappingNode speakers)) {
            throw new BadFrontMatterException(name + ": front matter key 'speakers' must map each speaker label"
                    + " to a voice, e.g. speakers: {HOST: alloy, GUEST: verse}");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, Node> entry : entries(speakers, name).entrySet()) {
            String label = entry.getKey().strip();
            Node voice = entry.getValue();
            if (label.isEmpty() || label.contains(":") || !(voice instanceof ScalarNode)) {
                throw new BadFrontMatterException(name + ": front matter 'speakers' entry '" + label
                        + "' must be 'LABEL: voice', e.g. HOST: alloy");
            }
            labels.put(label, isNull(voice) ? "" : ((ScalarNode) voice).getValue());
        }
        return labels;
    }

    private static @Nullable String scalar(Map<String, Node> map, String key, String name)
            throws BadFrontMatterException {
        Node value = map.get(key);
        if (value == null || isNull(value)) {
            return null;
        }
        if (!(value instanceof ScalarNode scalar)) {
            throw new BadFrontMatterException(
                    name + ": front matter key '" + key + "' must be a single value, not a list or a mapping");
        }
        return scalar.getValue();
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }
}
