package dev.nightcast.progress;

import java.math.BigDecimal;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Where a run stands.
 *
 * @param total input entries of the run
 * @param cost spend so far from the usage the gateway reported; {@code null} when the model has no price
 * @param elapsed since the run started
 */
public record RunProgress(
        long total,
        long narrated,
        long skipped,
        long failed,
        long invalid,
        long audioMillis,
        @Nullable BigDecimal cost,
        Duration elapsed) {

    public long done() {
        return narrated + skipped + failed + invalid;
    }

    /**
     * Time left if the rest goes at the pace so far, or {@code null} before anything is done.
     * Skipped entries make the pace look faster than narration is; good enough for a glance.
     */
    public @Nullable Duration eta() {
        long done = done();
        if (done == 0 || done >= total) {
            return done >= total ? Duration.ZERO : null;
        }
        return elapsed.multipliedBy(total - done).dividedBy(done);
    }
}
