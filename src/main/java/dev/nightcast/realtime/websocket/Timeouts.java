package dev.nightcast.realtime.websocket;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Client-side time limits. A response may take {@code responseBase + responsePerWord × words};
 * beyond that ceiling, or after {@code idle} without any server event while a response is open,
 * the attempt fails as transient and the socket is closed.
 *
 * @param connect TCP/TLS connect timeout, default 10s
 * @param sessionReady from connecting to {@code session.created}, and again to {@code session.updated}, default 15s
 * @param idle longest silence while a response is open, default 60s
 * @param responseBase fixed part of the response ceiling, default 60s
 * @param responsePerWord per-word part of the response ceiling, default 1s
 */
public record Timeouts(
        Duration connect, Duration sessionReady, Duration idle, Duration responseBase, Duration responsePerWord) {

    /** A missing ({@code null}) value is its default. */
    public Timeouts(
            @Nullable Duration connect,
            @Nullable Duration sessionReady,
            @Nullable Duration idle,
            @Nullable Duration responseBase,
            @Nullable Duration responsePerWord) {
        this.connect = positive("nightcast.gateway.timeouts.connect", connect, Duration.ofSeconds(10));
        this.sessionReady = positive("nightcast.gateway.timeouts.session-ready", sessionReady, Duration.ofSeconds(15));
        this.idle = positive("nightcast.gateway.timeouts.idle", idle, Duration.ofSeconds(60));
        this.responseBase = positive("nightcast.gateway.timeouts.response-base", responseBase, Duration.ofSeconds(60));
        this.responsePerWord =
                positiveOrZero("nightcast.gateway.timeouts.response-per-word", responsePerWord, Duration.ofSeconds(1));
    }

    /** The longest a response for a segment of {@code words} words may take. */
    public Duration responseCeiling(int words) {
        return responseBase.plus(responsePerWord.multipliedBy(Math.max(0, words)));
    }

    private static Duration positive(String name, @Nullable Duration value, Duration fallback) {
        Duration d = value != null ? value : fallback;
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive but was " + d);
        }
        return d;
    }

    private static Duration positiveOrZero(String name, @Nullable Duration value, Duration fallback) {
        Duration d = value != null ? value : fallback;
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative but was " + d);
        }
        return d;
    }
}
