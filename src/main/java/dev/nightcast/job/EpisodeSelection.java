package dev.nightcast.job;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.nightcast.script.EpisodeScript;
import dev.nightcast.script.ScriptEntry;
import dev.nightcast.store.FailedEpisodes;

/**
 * Which of the input's entries a run works on: all of them, or with {@code only-failed=true} the
 * episodes whose latest status is FAILED and nothing else.
 */
public final class EpisodeSelection {

    private static final Logger log = LoggerFactory.getLogger(EpisodeSelection.class);

    private EpisodeSelection() {}

    /** The selection {@code params} ask for: everything, or with {@code only-failed=true} the failed episodes. */
    public static UnaryOperator<List<ScriptEntry>> of(RunParams params, FailedEpisodes failedEpisodes) {
        return params.onlyFailed() ? entries -> onlyFailed(entries, failedEpisodes::ids) : UnaryOperator.identity();
    }

    /**
     * Keeps the entries whose id is in {@code failedIds}, read once as the run starts: an episode
     * that fails during this run is not tried again by it. Entries that are now invalid are kept when
     * their id failed before, so that the run says why it cannot retry them.
     */
    static List<ScriptEntry> onlyFailed(List<ScriptEntry> entries, Supplier<Set<String>> failedIds) {
        Set<String> failed = failedIds.get();
        List<ScriptEntry> selected =
                entries.stream().filter(entry -> failed.contains(entry.id())).toList();
        long missing = failed.size()
                - selected.stream().filter(EpisodeScript.class::isInstance).count();
        log.info(
                "Only failed episodes: {} of {} input entries{}",
                selected.size(),
                entries.size(),
                missing > 0 ? "; " + missing + " failed episode(s) are not in this input (or not valid in it)" : "");
        return selected;
    }
}
