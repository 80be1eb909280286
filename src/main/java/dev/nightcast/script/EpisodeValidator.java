package dev.nightcast.script;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import dev.nightcast.lexicon.Lexicon;
import dev.nightcast.realtime.Voices;

/**
 * Applies {@link ScriptDefaults} to a draft and checks it: a valid id, known voices (the episode's
 * and every speaker's), a speed in range, a voice for every speaker label, some text. Every problem
 * found is reported at once, so the operator can fix a row in one go.
 */
final class EpisodeValidator {

    private final ScriptDefaults defaults;

    EpisodeValidator(ScriptDefaults defaults) {
        this.defaults = defaults != null ? defaults : new ScriptDefaults(null, null, null);
    }

    ScriptEntry validate(EpisodeDraft draft) {
        return validate(draft, Lexicon.NONE);
    }

    /** @param lexicon the episode's: the run's lexicons with the script's own on top */
    ScriptEntry validate(EpisodeDraft draft, Lexicon lexicon) {
        List<String> problems = new ArrayList<>(draft.problems());
        String idProblem = EpisodeIds.problem(draft.id());
        if (idProblem != null) {
            problems.add(idProblem);
        }

        String voice = isBlank(draft.voice()) ? defaults.voice() : draft.voice();
        voice = normalizedVoice(voice);
        if (voice.isEmpty()) {
            problems.add("no voice: the episode sets none and no default voice is configured; valid voices are "
                    + knownVoices());
        } else if (!Voices.isKnown(voice)) {
            problems.add("unknown voice '" + voice + "'; valid voices are " + knownVoices());
        }
        double speed = speed(draft.speed(), problems);
        Map<String, String> speakers = speakers(draft.speakers(), problems);

        // Null passages mean the reader could not get the text; that problem is already in the list.
        if (draft.hasBlankText()) {
            problems.add(draft.textOrigin() + " has no text to narrate");
        }
        List<Passage> passages =
                draft.passages() == null ? List.of() : passages(draft.passages(), voice, speakers, problems);

        String id = draft.id() == null ? "" : draft.id();
        String writtenTitle = draft.title();
        String title = writtenTitle == null || writtenTitle.isBlank() ? id : SpeechText.collapse(writtenTitle);
        lengthProblems(title, draft.source(), problems);
        EpisodeListing listing = draft.listing().validated(problems);
        if (!problems.isEmpty()) {
            return new InvalidScript(id, draft.source(), String.join("; ", problems));
        }
        String writtenInstructions = draft.instructions();
        String instructions = writtenInstructions == null || writtenInstructions.isBlank()
                ? (defaults.instructions() == null
                        ? ""
                        : defaults.instructions().strip())
                : writtenInstructions.strip();
        return new EpisodeScript(id, title, voice, instructions, speed, passages, draft.source(), listing, lexicon);
    }

    /** What the database could not hold ({@link EntryLimits}) fails here, before anything is paid for. */
    private static void lengthProblems(String title, SourceLocation source, List<String> problems) {
        if (title.length() > EntryLimits.TITLE_LENGTH) {
            problems.add("the title is " + title.length() + " characters long; at most " + EntryLimits.TITLE_LENGTH
                    + " are allowed (without a title, a markdown file is titled by its first heading)");
        }
        int sourceLength = source.toString().length();
        if (sourceLength > EntryLimits.PATH_LENGTH) {
            problems.add("the path of its file is " + sourceLength + " characters long; at most "
                    + EntryLimits.PATH_LENGTH + " are allowed");
        }
    }

    private double speed(@Nullable String written, List<String> problems) {
        if (written == null || written.isBlank()) {
            return defaults.speed() == null ? EpisodeScript.NORMAL_SPEED : defaults.speed();
        }
        try {
            double speed = Double.parseDouble(written.strip());
            if (speed >= EpisodeScript.MIN_SPEED && speed <= EpisodeScript.MAX_SPEED) {
                return speed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("speed '" + written.strip() + "' must be a number from " + EpisodeScript.MIN_SPEED + " to "
                + EpisodeScript.MAX_SPEED + " (1.0 is normal)");
        return EpisodeScript.NORMAL_SPEED;
    }

    /** Label (upper case) to voice as written, lower case; unknown voices are reported here. */
    private static Map<String, String> speakers(Map<String, String> written, List<String> problems) {
        Map<String, String> voices = new LinkedHashMap<>();
        written.forEach((label, voice) -> {
            String normalized = normalizedVoice(voice);
            if (!Voices.isKnown(normalized)) {
                problems.add("speakers: '" + label + "' has "
                        + (normalized.isEmpty() ? "no voice" : "unknown voice '" + normalized + "'")
                        + "; valid voices are " + knownVoices());
            }
            voices.put(label.toUpperCase(Locale.ROOT), normalized);
        });
        return voices;
    }

    /** Passages with voices; an unmapped label is reported once, where it first appears. */
    private static List<Passage> passages(
            List<DraftPassage> drafts, String voice, Map<String, String> speakers, List<String> problems) {
        Map<String, SourceLocation> unmapped = new LinkedHashMap<>();
        List<Passage> passages = new ArrayList<>();
        for (DraftPassage draft : drafts) {
            if (draft.label() == null) {
                passages.add(
                        new Passage(null, voice, draft.text(), draft.opensSection(), draft.source(), draft.heading()));
                continue;
            }
            String speakerVoice = speakers.get(draft.label().toUpperCase(Locale.ROOT));
            if (speakerVoice == null) {
                unmapped.putIfAbsent(draft.label(), draft.source());
            } else if (Voices.isKnown(speakerVoice) && !draft.text().isBlank()) {
                passages.add(new Passage(
                        draft.label(),
                        speakerVoice,
                        draft.text(),
                        draft.opensSection(),
                        draft.source(),
                        draft.heading()));
            }
        }
        unmapped.forEach((label, where) -> problems.add("speaker label '" + label + "' at " + where
                + " has no voice: "
                + (speakers.isEmpty()
                        ? "the front matter maps no speakers; add e.g." + " speakers: {" + label + ": alloy}"
                        : "add it under speakers: in the front matter")));
        return passages;
    }

    private static String normalizedVoice(@Nullable String voice) {
        return voice == null ? "" : voice.strip().toLowerCase(Locale.ROOT);
    }

    private static String knownVoices() {
        return String.join(", ", new TreeSet<>(Voices.KNOWN));
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
