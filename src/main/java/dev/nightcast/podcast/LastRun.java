package dev.nightcast.podcast;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The run that last wrote the output folder, as the review page's banner tells it.
 *
 * @param status its batch status ({@code COMPLETED}, {@code STOPPED}, {@code FAILED})
 * @param stopReason why it stopped early (a limit, an outage, a refused configuration), or {@code null}
 * @param endedAt when it ended, or {@code null}
 */
public record LastRun(
        long executionId,
        String status,
        @Nullable String stopReason,
        @Nullable Instant endedAt) {

    /** Stopped before it had done everything: the page says so at the top. */
    boolean stoppedEarly() {
        return stopReason != null || !"COMPLETED".equals(status);
    }
}
