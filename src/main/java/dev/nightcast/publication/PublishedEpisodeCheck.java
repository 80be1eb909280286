package dev.nightcast.publication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.nightcast.narration.CompletedEpisodes;
import dev.nightcast.store.EpisodeRepository;
import dev.nightcast.store.PublishedEpisode;

/**
 * An episode counts as published only when its row says DONE with the same fingerprint and its WAV
 * is in this run's output folder with the recorded size and sha256. A deleted or altered WAV is
 * narrated again. A deleted or altered transcript costs nothing: it is written again from the row.
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
        return repository
                .findPublished(episodeId)
                .filter(PublishedEpisode::isDone)
                .filter(row -> fingerprint.equals(row.fingerprint()))
                .map(row -> fileMatches(row, layout.wav(episodeId)) && transcriptRestored(row))
                .orElse(false);
    }

    /** Puts the row's transcript back under its final name when it is missing or differs; true when in place. */
    private boolean transcriptRestored(PublishedEpisode row) {
        Path transcript = layout.transcript(row.episodeId());
        if (row.transcript() == null) {
            return true;
        }
        String expected = row.transcript() + "\n";
        try {
            if (Files.isRegularFile(transcript)
                    && expected.equals(Files.readString(transcript, StandardCharsets.UTF_8))) {
                return true;
            }
            Path temporary = layout.temporaryTranscript(row.episodeId(), row.fingerprint());
            Files.writeString(temporary, expected, StandardCharsets.UTF_8);
            Files.move(temporary, transcript, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            log.info(
                    "Episode {}: {} was missing or changed; written again from the database",
                    row.episodeId(),
                    transcript);
            return true;
        } catch (IOException e) {
            log.warn(
                    "Episode {}: cannot restore {} ({}); narrating it again",
                    row.episodeId(),
                    transcript,
                    e.getMessage());
            return false;
        }
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
