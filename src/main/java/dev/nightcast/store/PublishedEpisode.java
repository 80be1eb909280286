package dev.nightcast.store;

/** The parts of an episode row that say what was published. */
record PublishedEpisode(String episodeId, String status, String fingerprint, String wavPath, long wavBytes,
        String wavSha256, String transcript) {

    boolean isDone() {
        return EpisodeStatus.DONE.name().equals(status);
    }
}
