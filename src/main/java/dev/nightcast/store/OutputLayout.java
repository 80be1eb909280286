package dev.nightcast.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.nightcast.narration.WorkFiles;
import dev.nightcast.script.EpisodeIds;

/**
 * Names of everything Nightcast writes in the output folder. Final names are
 * {@code <id>.wav} and {@code <id>.txt}; work in progress is hidden under a dot-name that carries
 * the fingerprint and ends with {@value #PART_SUFFIX}, in the same folder so that publishing is an
 * atomic rename: {@code .<id>.<fp12>.wav.part} (audio), {@code .<id>.<fp12>.txt.part} (transcript)
 * and {@code .<id>.<fp12>.stage.part} (the {@link StagedNarration stage record} of a narration
 * being published).
 */
public final class OutputLayout implements WorkFiles {

    static final String PART_SUFFIX = ".part";

    private final Path folder;

    public OutputLayout(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    /** Creates the folder if needed and checks that it can be written. */
    public static OutputLayout prepare(Path folder) throws IOException {
        Files.createDirectories(folder);
        if (!Files.isWritable(folder)) {
            throw new IOException("Output folder " + folder + " is not writable");
        }
        return new OutputLayout(folder);
    }

    public Path folder() {
        return folder;
    }

    public Path wav(String episodeId) {
        return resolve(episodeId, ".wav");
    }

    public Path transcript(String episodeId) {
        return resolve(episodeId, ".txt");
    }

    @Override
    public Path temporaryWav(String episodeId, String fingerprint) {
        return resolve("." + episodeId + "." + fingerprint.substring(0, 12), ".wav" + PART_SUFFIX);
    }

    Path temporaryTranscript(String episodeId, String fingerprint) {
        return resolve("." + episodeId + "." + fingerprint.substring(0, 12), ".txt" + PART_SUFFIX);
    }

    /** The stage record: present while a complete narration is being published. */
    Path stage(String episodeId, String fingerprint) {
        return resolve("." + episodeId + "." + fingerprint.substring(0, 12), ".stage" + PART_SUFFIX);
    }

    /** Where a stage record is written before it is renamed into place, so it is never read half-written. */
    Path stageInProgress(String episodeId, String fingerprint) {
        return resolve("." + episodeId + "." + fingerprint.substring(0, 12), ".stage.tmp" + PART_SUFFIX);
    }

    /** True for the temporary files above: hidden, ending with {@value #PART_SUFFIX}, never published as they are. */
    static boolean isWorkFile(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(PART_SUFFIX);
    }

    static boolean isStage(Path file) {
        return isWorkFile(file) && file.getFileName().toString().endsWith(".stage" + PART_SUFFIX);
    }

    /** Ids are validated when read; checking again here keeps every path inside the folder whatever the caller. */
    private Path resolve(String episodeId, String suffix) {
        String id = episodeId.startsWith(".") ? episodeId.substring(1) : episodeId;
        if (!EpisodeIds.isValid(id)) {
            throw new IllegalArgumentException("Not a valid episode id: " + episodeId);
        }
        Path path = folder.resolve(episodeId + suffix).normalize();
        if (!path.getParent().equals(folder)) {
            throw new IllegalArgumentException("Episode id " + episodeId + " would write outside " + folder);
        }
        return path;
    }
}
