package dev.nightcast.script;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Recognises a speaker label at the start of a line of dialogue: {@code HOST: Welcome back.}, also
 * written {@code **HOST:**} or {@code **HOST**:} (emphasis is already gone when this runs).
 *
 * <p>A label is either a name listed under {@code speakers:} in the front matter (any case, e.g.
 * {@code Alice}) or an all-capitals name of two or more characters and at most four words
 * ({@code HOST}, {@code GUEST 2}, {@code DR. LEE}), followed by a colon and the spoken text (which
 * may also start on the next line).
 * Single capitals are left alone, so {@code Q:}/{@code A:} notes and {@code I:} read as text.
 * Immutable.
 */
final class SpeakerLabels {

    private static final Pattern CAPITALS = Pattern.compile(
            "(\\p{Lu}[\\p{Lu}\\p{N}'\u2019.\\-]+(?: [\\p{Lu}\\p{N}'\u2019.\\-]+){0,3})\\s*:(?:\\s+(.*))?",
            Pattern.DOTALL);

    static final SpeakerLabels CAPITALS_ONLY = new SpeakerLabels(List.of());

    /** Names from the front matter, longest first so "GUEST 2" wins over "GUEST". */
    private final List<String> known;

    SpeakerLabels(List<String> knownNames) {
        List<String> names = new ArrayList<>(knownNames);
        names.sort(Comparator.comparingInt(String::length).reversed());
        this.known = List.copyOf(names);
    }

    /**
     * A label at the start of {@code line}.
     *
     * @param label the name as listed in the front matter, else as written
     * @param spoken what follows the colon
     */
    record Match(String label, String spoken) {}

    /** The label and the spoken rest of {@code line}, or null when the line does not start with a label. */
    @Nullable
    Match match(String line) {
        String text = line.strip();
        for (String name : known) {
            if (text.regionMatches(true, 0, name, 0, name.length())) {
                String rest = text.substring(name.length()).stripLeading();
                if (rest.equals(":") || rest.startsWith(":") && Character.isWhitespace(rest.charAt(1))) {
                    return new Match(name, rest.substring(1).strip());
                }
            }
        }
        Matcher capitals = CAPITALS.matcher(text);
        if (capitals.matches()) {
            return new Match(
                    capitals.group(1),
                    capitals.group(2) == null ? "" : capitals.group(2).strip());
        }
        return null;
    }
}
