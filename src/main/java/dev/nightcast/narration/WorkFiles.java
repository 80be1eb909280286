package dev.nightcast.narration;

import java.io.IOException;
import java.nio.file.Path;

/** Where narration writes audio before it is published under its final name. */
public interface WorkFiles {

    /** A temporary WAV path in the output folder (same file system, so publishing is an atomic move). */
    Path temporaryWav(String episodeId, String fingerprint);

    /**
     * The hidden folder where the finished segments of an episode narrated with this fingerprint are
     * kept until the episode is published; it survives a failed episode and a killed process.
     */
    Path segmentFolder(String episodeId, String fingerprint);

    /** Deletes work that narrations of the episode with other fingerprints left behind (an edited script). */
    void discardStaleWork(String episodeId, String fingerprint) throws IOException;
}
