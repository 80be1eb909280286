package dev.nightcast.narration;

import org.jspecify.annotations.Nullable;

import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.RealtimeSession;

/**
 * The pinned model snapshot: with {@code model-version} set, a session served by another snapshot is refused as a
 * configuration error before it speaks, so the run stops (exit 64) instead of publishing a second
 * voice in the same feed. Immutable.
 */
final class ModelSnapshots {

    private final @Nullable String required;

    /** @param required the {@code model-version} setting, or null to accept any snapshot */
    ModelSnapshots(@Nullable String required) {
        this.required = required;
    }

    /** Refuses a session whose snapshot is not the pinned one. */
    void check(RealtimeSession session) throws RealtimeException {
        String snapshot = session.modelSnapshot();
        if (required != null && !required.equals(snapshot)) {
            throw new RealtimeException(
                    FailureKind.CONFIGURATION,
                    "model_version_mismatch",
                    "the gateway serves model snapshot "
                            + (snapshot == null ? "(none named in session.created)" : "'" + snapshot + "'")
                            + ", not model-version=" + required
                            + "; nothing was narrated with it. Pin the deployment to " + required
                            + " again, or set model-version to the new snapshot once you accept its voice"
                            + " (episodes narrated before keep the old one)");
        }
    }
}
