package dev.nightcast.realtime;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

/**
 * One WebSocket connection with a configured session. Not thread-safe: one worker thread drives it,
 * one response at a time. The voice is locked once audio was produced, so a session serves exactly
 * one voice.
 */
public interface RealtimeSession extends AutoCloseable {

    /**
     * Narrates one segment as an out-of-band response ({@code conversation: "none"}, inline input),
     * so no history accumulates and earlier segments are not billed again.
     *
     * <p>PCM16 LE mono 24 kHz audio is handed to {@code sink} as it arrives, in order, never
     * concurrently; the call returns after {@code response.done}.
     *
     * @throws RealtimeException when the response did not complete (status other than
     *     {@code completed}, an {@code error} event, a dropped socket, a timeout, a sink failure)
     */
    SegmentResult narrate(SegmentRequest request, AudioSink sink) throws RealtimeException;

    /**
     * The model snapshot the gateway said serves this session ({@code session.model} of
     * {@code session.created}), or null when it said none. A deployment name hides it: the same
     * name may serve another snapshot tomorrow, with another voice.
     */
    default @Nullable String modelSnapshot() {
        return null;
    }

    /** The deployment this session is open on (see {@link RealtimeGateway#deployment()}), or null when not told. */
    default @Nullable String deployment() {
        return null;
    }

    /** True while the socket is open and usable for another response. */
    boolean isUsable();

    /**
     * The latest {@code rate_limits.updated} the server sent on this session (during the last
     * {@link #narrate} call or before), or an empty list when it never sent one. Azure may never.
     */
    default List<RateLimit> rateLimits() {
        return List.of();
    }

    /** Closes the socket normally (1000); never throws. */
    @Override
    void close();

    /**
     * Completes once the server has seen this session end: after {@link #close()}, when the
     * server answered the close frame or the socket is gone. Until then the server may still
     * count the session against a concurrent-session quota. Never completes before the session
     * ends; completes normally, whatever the reason.
     */
    default CompletionStage<Void> whenEnded() {
        return CompletableFuture.completedFuture(null);
    }
}
