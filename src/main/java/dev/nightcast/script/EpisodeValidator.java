package dev.nightcast.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import dev.nightcast.realtime.Voices;

/**
 * Applies {@link ScriptDefaults} to a draft and checks it: a valid id, a known voice, some text.
 * Every problem found is reported at once, so the operator can fix a row in one go.
 */
final class EpisodeValidator {

    private final ScriptDefaults defaults;

    EpisodeValidator(ScriptDefaults defaults) {
        this.defaults = defaults != null ? defaults : new ScriptDefaults(null, null);
    }

    ScriptEntry validate(EpisodeDraft draft) {
        List<String> problems = new ArrayList<>(draft.problems());
        String idProblem = EpisodeIds.problem(draft.id());
        if (idProblem != null) {
            problems.add(idProblem);
        }

        String voice = isBlank(draft.voice()) ? defaults.voice() : draft.voice();
        voice = voice == null ? "" : voice.strip().toLowerCase(Locale.ROOT);
        if (voice.isEmpty()) {
            problems.add("no voice: the episode sets none and no default voice is configured; valid voices are "
                    + knownVoices());
        } else if (!Voices.isKnown(voice)) {
            problems.add("unknown voice '" + voice + "'; valid voices are " + knownVoices());
        }

        // A null text means the reader could not get it; that problem is already in the list.
        if (draft.text() != null && draft.text().isBlank()) {
            problems.add(draft.textOrigin() + " has no text to narrate");
        }

        String id = draft.id() == null ? "" : draft.id();
        if (!problems.isEmpty()) {
            return new InvalidScript(id, draft.source(), String.join("; ", problems));
        }
        String title = isBlank(draft.title()) ? id : SpeechText.collapse(draft.title());
        String instructions = isBlank(draft.instructions())
                ? (defaults.instructions() == null ? "" : defaults.instructions().strip())
                : draft.instructions().strip();
        return new EpisodeScript(id, title, voice, instructions, draft.text(), draft.source());
    }

    private static String knownVoices() {
        return String.join(", ", new TreeSet<>(Voices.KNOWN));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
