package dev.nightcast.narration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import dev.nightcast.realtime.RealtimeException;

/** Keeps every attempt the narrator reports, as "segment/attempt OUTCOME". */
final class RecordingAttemptLog implements AttemptLog {

    private final List<String> entries = new CopyOnWriteArrayList<>();

    @Override
    public void succeeded(
            String episodeId, int segmentIndex, int attempt, Duration duration, @Nullable String deployment) {
        entries.add(segmentIndex + "/" + attempt + " SUCCEEDED");
    }

    @Override
    public void failed(String episodeId, int segmentIndex, int attempt, Duration duration, RealtimeException failure) {
        entries.add(segmentIndex + "/" + attempt + " FAILED " + failure.code());
    }

    @Override
    public void throttled(
            String episodeId,
            int segmentIndex,
            int attempt,
            Duration duration,
            RealtimeException throttling,
            Duration wait) {
        entries.add(segmentIndex + "/" + attempt + " THROTTLED " + throttling.code());
    }

    @Override
    public void rejected(
            String episodeId,
            int segmentIndex,
            int attempt,
            Duration duration,
            String reason,
            @Nullable String deployment) {
        entries.add(segmentIndex + "/" + attempt + " REJECTED");
    }

    List<String> entries() {
        return List.copyOf(entries);
    }
}
