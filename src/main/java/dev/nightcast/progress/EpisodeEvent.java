package dev.nightcast.progress;

import java.math.BigDecimal;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One input entry finished.
 *
 * @param title the title, or {@code null} for an invalid entry
 * @param audioMillis audio narrated (zero unless narrated)
 * @param took time spent narrating (zero for skipped and invalid entries)
 * @param cost what its tokens cost, or {@code null} when unknown or none
 * @param reason why it failed or was invalid, else {@code null}
 * @param source file:line it came from
 */
public record EpisodeEvent(
        Outcome outcome,
        String episodeId,
        @Nullable String title,
        long audioMillis,
        Duration took,
        @Nullable BigDecimal cost,
        @Nullable String reason,
        String source) {

    public enum Outcome {
        NARRATED,
        SKIPPED,
        FAILED,
        INVALID
    }
}
