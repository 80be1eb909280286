package dev.nightcast.realtime.websocket;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/** Parses the server's back-off hints: {@code retry-after-ms} (Azure) and {@code Retry-After} (seconds or HTTP date). */
final class RetryAfter {

    private RetryAfter() {}

    /** The hint to honour, preferring the more precise {@code retry-after-ms}; null when none is usable. */
    static @Nullable Duration parse(@Nullable String retryAfter, @Nullable String retryAfterMs, Clock clock) {
        Duration ms = millis(retryAfterMs);
        return ms != null ? ms : seconds(retryAfter, clock);
    }

    private static @Nullable Duration millis(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            double ms = Double.parseDouble(value.trim());
            return ms >= 0 && Double.isFinite(ms) ? Duration.ofMillis(Math.round(ms)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static @Nullable Duration seconds(@Nullable String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
