package dev.nightcast.store;

/** The latest state of an episode, as kept in {@code episode.status}. */
public enum EpisodeStatus {
    /** Narrated and published: the WAV and transcript exist under their final names. */
    DONE,
    /** The latest attempt to narrate it failed; {@code failure_reason} says why. */
    FAILED
}
