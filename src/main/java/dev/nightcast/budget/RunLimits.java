package dev.nightcast.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.jspecify.annotations.Nullable;

/**
 * When a run stops starting new episodes even though work is left: a spending cap and a clock time.
 *
 * <p>Both belong to one invocation, not to the job instance: they are not job parameters, because
 * a restart reuses the stopped execution's parameters, and tonight's budget must not be last
 * night's. In-flight episodes always finish and commit; the next run continues with the rest.
 *
 * @param maxCost USD the run may spend, from the usage the gateway reports; {@code null}: no cap
 * @param finishBy no episode starts at or after this time of day, in the machine's time zone;
 *     {@code null}: no deadline
 */
public record RunLimits(
        @Nullable BigDecimal maxCost, @Nullable LocalTime finishBy) {

    public static final RunLimits NONE = new RunLimits(null, null);

    /**
     * The first {@code finishBy} after {@code start}: a run started at 23:00 with
     * {@code finish-by=06:30} may work through the night; one started at 07:00 may work until
     * 06:30 the next morning.
     */
    public @Nullable Instant deadlineAfter(Instant start, ZoneId zone) {
        if (finishBy == null) {
            return null;
        }
        ZonedDateTime startedAt = start.atZone(zone);
        ZonedDateTime deadline = startedAt.with(finishBy);
        if (!deadline.isAfter(startedAt)) {
            deadline = startedAt.toLocalDate().plusDays(1).atTime(finishBy).atZone(zone);
        }
        return deadline.toInstant();
    }
}
