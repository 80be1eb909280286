package dev.nightcast.narration;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.nightcast.realtime.RealtimeException;

/**
 * Records every gateway call as it ends, outside the episode's own transaction, so none is lost.
 * {@code deployment} names the deployment that served the call (endpoint host and deployment name,
 * see {@link dev.nightcast.realtime.RealtimeGateway#deployment()}), or is null when unknown.
 */
public interface AttemptLog {

    void succeeded(String episodeId, int segmentIndex, int attempt, Duration duration, @Nullable String deployment);

    void failed(String episodeId, int segmentIndex, int attempt, Duration duration, RealtimeException failure);

    /**
     * The call was {@linkplain dev.nightcast.realtime.FailureKind#THROTTLED throttled} and is made
     * again after {@code wait}, without counting against {@code max-attempts}.
     */
    void throttled(
            String episodeId,
            int segmentIndex,
            int attempt,
            Duration duration,
            RealtimeException throttling,
            Duration wait);

    /** The response completed but its reading was rejected by the fidelity check, for {@code reason}. */
    void rejected(
            String episodeId,
            int segmentIndex,
            int attempt,
            Duration duration,
            String reason,
            @Nullable String deployment);
}
