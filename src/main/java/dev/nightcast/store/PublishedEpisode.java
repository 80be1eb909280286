package dev.nightcast.store;

/** The parts of an episode row that say what was published. */
public record PublishedEpisode(
        String episodeId,
        String status,
        String fingerprint,
        String wavPath,
        long wavBytes,
        String wavSha256,
        String transcript) {

    public boolean isDone() {
        return EpisodeStatus.DONE.name().equals(status);
    }
}
