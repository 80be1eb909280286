package dev.nightcast.narration;

import java.nio.file.Path;

/** Where narration writes audio before it is published under its final name. */
public interface WorkFiles {

    /** A temporary WAV path in the output folder (same file system, so publishing is an atomic move). */
    Path temporaryWav(String episodeId, String fingerprint);
}
