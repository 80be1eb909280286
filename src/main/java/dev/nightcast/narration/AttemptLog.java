package dev.nightcast.narration;

import java.time.Duration;

import dev.nightcast.realtime.RealtimeException;

/** Records every gateway call as it ends, outside the episode's own transaction, so none is lost. */
public interface AttemptLog {

    void succeeded(String episodeId, int segmentIndex, int attempt, Duration duration);

    void failed(String episodeId, int segmentIndex, int attempt, Duration duration, RealtimeException failure);

    /**
     * The call was {@linkplain dev.nightcast.realtime.FailureKind#THROTTLED throttled} and is made
     * again after {@code wait}, without counting against {@code max-attempts}.
     */
    void throttled(String episodeId, int segmentIndex, int attempt, Duration duration, RealtimeException throttling,
            Duration wait);

    /** The response completed but its reading was rejected by the fidelity check, for {@code reason}. */
    void rejected(String episodeId, int segmentIndex, int attempt, Duration duration, String reason);
}
