package dev.nightcast.narration;

/** Answers whether an episode's audio is already published for a fingerprint, so it is not bought twice. */
public interface CompletedEpisodes {

    /**
     * True when the episode's row is done with this fingerprint and its WAV is on disk with the
     * recorded sha256.
     */
    boolean isPublished(String episodeId, String fingerprint);
}
