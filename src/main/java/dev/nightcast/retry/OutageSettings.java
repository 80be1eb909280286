package dev.nightcast.retry;

import java.time.Duration;

/** What the {@link OutageBreaker} of a run is configured with ({@code nightcast.narration.outage-*}). */
public interface OutageSettings {

    /** Fewest transient failures in a row that may trip the breaker; raised to two per worker. */
    int outageThreshold();

    /** Shortest time those failures must span, with no success in between. */
    Duration outageWindow();
}
