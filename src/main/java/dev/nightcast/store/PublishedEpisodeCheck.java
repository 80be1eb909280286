package dev.nightcast.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.nightcast.narration.CompletedEpisodes;

/**
 * An episode counts as published only when its row says DONE with the same fingerprint and its WAV
 * is in this run's output folder with the recorded size and sha256. A deleted or altered file is
 * narrated again.
 */
public final class PublishedEpisodeCheck implements CompletedEpisodes {

    private static final Logger log = LoggerFactory.getLogger(PublishedEpisodeCheck.class);

    private final EpisodeRepository repository;
    private final OutputLayout layout;

    public PublishedEpisodeCheck(EpisodeRepository repository, OutputLayout layout) {
        this.repository = repository;
        this.layout = layout;
    }

    @Override
    public boolean isPublished(String episodeId, String fingerprint) {
        return repository.findPublished(episodeId)
                .filter(PublishedEpisode::isDone)
                .filter(row -> fingerprint.equals(row.fingerprint()))
                .map(row -> fileMatches(row, layout.wav(episodeId)))
                .orElse(false);
    }

    private static boolean fileMatches(PublishedEpisode row, Path wav) {
        try {
            if (!Files.isRegularFile(wav) || Files.size(wav) != row.wavBytes()) {
                log.info("Episode {}: {} is missing or changed size; narrating it again", row.episodeId(), wav);
                return false;
            }
            if (!Sha256.of(wav).equals(row.wavSha256())) {
                log.info("Episode {}: {} was altered (sha256 differs); narrating it again", row.episodeId(), wav);
                return false;
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + wav, e);
        }
    }
}
