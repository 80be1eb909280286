package dev.nightcast.publication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.nightcast.narration.OutputConflicts;
import dev.nightcast.store.EpisodeRepository;
import dev.nightcast.store.PublishedEpisode;

/**
 * Which episode files in the output folder Nightcast may replace: {@code <id>.wav}, {@code .txt},
 * {@code .vtt}, {@code .chapters.json} and {@code .mp3} are Nightcast's once the episode's row
 * records its audio in this folder (it published them). Before that, an existing file under one
 * of those names is someone else's, unless it already holds exactly what is about to be written
 * there (a publishing that was interrupted: replacing it loses nothing). Someone else's file fails the episode, before it is
 * narrated when the file is already there, and is never replaced.
 */
public final class OutputOwnership implements OutputConflicts {

    private final EpisodeRepository episodes;
    private final OutputLayout layout;

    public OutputOwnership(EpisodeRepository episodes, OutputLayout layout) {
        this.episodes = episodes;
        this.layout = layout;
    }

    /** A final name and the file about to be moved there ({@code null}: nothing is, it must stay free). */
    record Replacement(Path target, @Nullable Path source) {}

    @Override
    public Optional<String> blocking(String episodeId) {
        if (publishedHere(episodeId)) {
            return Optional.empty();
        }
        for (Path file : List.of(
                layout.wav(episodeId),
                layout.transcript(episodeId),
                layout.subtitles(episodeId),
                layout.chapters(episodeId),
                layout.mp3(episodeId))) {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(notOurs(episodeId, file));
            }
        }
        return Optional.empty();
    }

    /** @throws MadeByNightcast.ForeignFileException when a replacement would destroy a file Nightcast did not make */
    void checkReplaceable(String episodeId, List<Replacement> replacements) throws IOException {
        if (publishedHere(episodeId)) {
            return;
        }
        for (Replacement replacement : replacements) {
            Path target = replacement.target();
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !sameContent(target, replacement.source())) {
                throw new MadeByNightcast.ForeignFileException(notOurs(episodeId, target));
            }
        }
    }

    private static String notOurs(String episodeId, Path file) {
        return "episode " + episodeId + " cannot be published: " + file + " was not made by Nightcast (no episode"
                + " row records publishing it in this folder), and Nightcast only ever replaces its own files: move"
                + " it away, or choose another output folder";
    }

    /** The episode's row records its published audio under this folder's {@code <id>.wav}. */
    private boolean publishedHere(String episodeId) {
        Path wav = layout.wav(episodeId);
        return episodes.findPublished(episodeId)
                .map(PublishedEpisode::wavPath)
                .map(Path::of)
                .filter(recorded -> recorded.equals(wav) || sameFolder(recorded, wav))
                .isPresent();
    }

    private static boolean sameFolder(Path recorded, Path wav) {
        try {
            // The same folder reached through another path (a link): the same files.
            return recorded.getFileName().equals(wav.getFileName())
                    && recorded.getParent() != null
                    && Files.isDirectory(recorded.getParent())
                    && Files.isSameFile(recorded.getParent(), wav.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean sameContent(Path target, @Nullable Path source) throws IOException {
        if (source == null || !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        return Files.isSameFile(target, source) || Files.mismatch(target, source) == -1;
    }
}
