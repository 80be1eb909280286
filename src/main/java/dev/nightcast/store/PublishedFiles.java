package dev.nightcast.store;

import java.nio.file.Path;

/** The final files of a narrated episode and the checksum recorded with them. */
public record PublishedFiles(Path wav, Path transcript, Path subtitles, long wavBytes, String wavSha256) {}
