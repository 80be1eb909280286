package dev.nightcast.narration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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

    /**
     * The folders of kept segments that earlier narrations of the episode left: those of other
     * fingerprints (an unfinished narration of an older version) and the segments retained after
     * the episode was last published (see {@link KeptSegments}).
     */
    List<Path> earlierSegmentFolders(String episodeId, String fingerprint) throws IOException;
}
