package dev.nightcast.realtime;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a {@code rate_limits.updated} event: what is left of a quota and when it refills.
 *
 * @param name {@code requests} or {@code tokens} (others are possible and kept)
 * @param limit the quota per window, or -1 when not sent
 * @param remaining what is left of it, or -1 when not sent
 * @param resetIn when the window refills ({@code reset_seconds})
 */
public record RateLimit(@Nullable String name, long limit, long remaining, Duration resetIn) {

    public static final String REQUESTS = "requests";
    public static final String TOKENS = "tokens";
}
