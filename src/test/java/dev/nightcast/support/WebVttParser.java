package dev.nightcast.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of WebVTT files (W3C WebVTT: file structure, cue timings, cue text syntax) for
 * tests. No well-kept JVM WebVTT parser exists on Maven Central (the maintained ones are Android's
 * ExoPlayer/Media3, which need the Android runtime), so this follows the specification's syntax
 * rules and rejects what a lenient player would silently fix: a missing signature, a malformed or
 * out-of-range timestamp, an end not after its start, start times going backwards, "-->" or a raw
 * "&"/"<" in cue text, an unknown tag, an unclosed voice annotation.
 */
public final class WebVttParser {

    private static final Pattern SIGNATURE = Pattern.compile("\uFEFF?WEBVTT(?:[ \t].*)?");
    private static final String TIMESTAMP = "(?:(\\d{2,}):)?([0-5]\\d):([0-5]\\d)\\.(\\d{3})";
    private static final Pattern TIMING = Pattern.compile(TIMESTAMP + "[ \t]+-->[ \t]+" + TIMESTAMP + "(?:[ \t]+.*)?");
    private static final Pattern TAG =
            Pattern.compile("<(/?)([a-z]+|\\d[\\d:.]*)((?:\\.[^\\s.>]+)*)(?:[ \t]([^>]*))?>");
    private static final Pattern ENTITY = Pattern.compile("&(?:amp|lt|gt|lrm|rlm|nbsp|#\\d+|#x[0-9a-fA-F]+);");
    private static final Set<String> TAGS = Set.of("c", "i", "b", "u", "ruby", "rt", "v", "lang");

    private WebVttParser() {}

    /**
     * @param voice the annotation of a {@code <v>} span opening the cue, unescaped, or null
     * @param text the cue text with tags removed and character references decoded, lines joined by "\n"
     */
    public record Cue(String identifier, long startMillis, long endMillis, String voice, String text) {}

    /** The cues of a WebVTT file; throws {@link IllegalArgumentException} naming the line of the first violation. */
    public static List<Cue> parse(String content) {
        String[] lines = content.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        if (!SIGNATURE.matcher(lines[0]).matches()) {
            throw violation(1, "the file must start with the WEBVTT signature");
        }
        int i = 1;
        while (i < lines.length && !lines[i].isEmpty()) {
            i++; // header lines
        }
        List<Cue> cues = new ArrayList<>();
        long previousStart = -1;
        while (i < lines.length) {
            if (lines[i].isEmpty()) {
                i++;
                continue;
            }
            int blockLine = i + 1;
            String identifier = null;
            if (!lines[i].contains("-->")) {
                identifier = lines[i++];
                if (i >= lines.length || lines[i].isEmpty()) {
                    throw violation(blockLine, "a cue identifier must be followed by a timing line");
                }
            }
            Matcher timing = TIMING.matcher(lines[i]);
            if (!timing.matches()) {
                throw violation(i + 1, "malformed cue timing: '" + lines[i] + "'");
            }
            long start = millis(timing, 1);
            long end = millis(timing, 5);
            if (end <= start) {
                throw violation(i + 1, "the cue ends at or before its start");
            }
            if (start < previousStart) {
                throw violation(i + 1, "cue start times must not go backwards");
            }
            previousStart = start;
            i++;
            List<String> text = new ArrayList<>();
            while (i < lines.length && !lines[i].isEmpty()) {
                if (lines[i].contains("-->")) {
                    throw violation(i + 1, "cue text must not contain '-->'");
                }
                text.add(lines[i++]);
            }
            cues.add(cue(identifier, start, end, text, blockLine));
        }
        return cues;
    }

    private static Cue cue(String identifier, long start, long end, List<String> lines, int line) {
        String payload = String.join("\n", lines);
        String voice = null;
        StringBuilder text = new StringBuilder();
        Matcher tag = TAG.matcher(payload);
        int at = 0;
        while (at < payload.length()) {
            char c = payload.charAt(at);
            if (c == '<') {
                if (!tag.find(at)
                        || tag.start() != at
                        || !TAGS.contains(tag.group(2)) && !tag.group(2).matches("\\d.*")) {
                    throw violation(line, "raw '<' or unknown tag in cue text: " + payload);
                }
                if (tag.group(1).isEmpty() && tag.group(2).equals("v")) {
                    if (tag.group(4) == null || tag.group(4).isBlank()) {
                        throw violation(line, "a voice span needs an annotation: " + payload);
                    }
                    voice = voice == null && at == 0 ? decode(tag.group(4), line) : voice;
                }
                at = tag.end();
            } else if (c == '&') {
                Matcher entity = ENTITY.matcher(payload).region(at, payload.length());
                if (!entity.lookingAt()) {
                    throw violation(line, "raw '&' in cue text: " + payload);
                }
                text.append(decode(entity.group(), line));
                at = entity.end();
            } else {
                text.append(c);
                at++;
            }
        }
        return new Cue(identifier, start, end, voice, text.toString());
    }

    private static String decode(String escaped, int line) {
        if (escaped.contains("&") && !ENTITY.matcher(escaped).find()) {
            throw violation(line, "raw '&' in '" + escaped + "'");
        }
        return escaped.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&nbsp;", "\u00A0")
                .replace("&lrm;", "")
                .replace("&rlm;", "")
                .replace("&amp;", "&");
    }

    private static long millis(Matcher timing, int group) {
        long hours = timing.group(group) == null ? 0 : Long.parseLong(timing.group(group));
        return ((hours * 60 + Long.parseLong(timing.group(group + 1))) * 60 + Long.parseLong(timing.group(group + 2)))
                        * 1000
                + Long.parseLong(timing.group(group + 3));
    }

    private static IllegalArgumentException violation(int line, String message) {
        return new IllegalArgumentException("WebVTT line " + line + ": " + message);
    }
}
