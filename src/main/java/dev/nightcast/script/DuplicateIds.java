package dev.nightcast.script;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fails every entry whose id was already used by an earlier entry, across all input files. The
 * first one keeps the id (even if it is itself invalid for another reason), so results do not
 * depend on which problem is fixed first.
 *
 * <p>Ids are compared ignoring case: {@code EP1} and {@code ep1} would write to the same output
 * files on case-insensitive file systems (macOS, Windows).
 */
final class DuplicateIds {

    private DuplicateIds() {}

    static List<ScriptEntry> reject(List<ScriptEntry> entries) {
        Map<String, ScriptEntry> firstById = new HashMap<>();
        List<ScriptEntry> result = new ArrayList<>(entries.size());
        for (ScriptEntry entry : entries) {
            if (!EpisodeIds.isValid(entry.id())) {
                // An invalid id never produces output, so it cannot clash with anything.
                result.add(entry);
                continue;
            }
            ScriptEntry first = firstById.putIfAbsent(entry.id().toLowerCase(Locale.ROOT), entry);
            result.add(first == null ? entry : duplicate(entry, first));
        }
        return result;
    }

    private static InvalidScript duplicate(ScriptEntry entry, ScriptEntry first) {
        String problem = "duplicate episode id '" + entry.id() + "': already used at " + first.source();
        if (!first.id().equals(entry.id())) {
            problem += " as '" + first.id() + "' (ids that differ only in case would share output files)";
        }
        String reason = entry instanceof InvalidScript invalid ? invalid.reason() + "; " + problem : problem;
        return new InvalidScript(entry.id(), entry.source(), reason);
    }
}
