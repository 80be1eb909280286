package dev.nightcast.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.nightcast.input.InputFiles;
import dev.nightcast.script.EpisodeScript;
import dev.nightcast.script.Passage;
import dev.nightcast.script.ScriptEntry;

/**
 * Input and output are kept apart, so that what Nightcast writes can never land on a script and a
 * script is never looked for among Nightcast's files. The output folder is refused when it
 * <ul>
 * <li>is the input folder (or a glob's base folder), or contains it: it would hold the scripts;</li>
 * <li>holds any file the input reads (a CSV, a markdown file, a markdown {@code script_file});</li>
 * <li>lies where a glob searches, e.g. {@code scripts/**}{@code /*.md} with {@code scripts/audio}.</li>
 * </ul>
 * Paths are compared as the file system resolves them, symbolic links followed. Beside the input
 * is fine: {@code episodes.csv} and {@code output/} in one folder, or {@code output/} inside an input
 * folder (only the files directly in an input folder are read).
 *
 * <p>Plain-text {@code script_file}s are not listed by the loader; a run never replaces one all the
 * same, because it only replaces files it made itself (see {@code store.OutputOwnership}).
 */
public final class InputOutputOverlap {

    private InputOutputOverlap() {}

    /**
     * Why {@code output} may not be used with {@code input}, naming both, or empty when it may.
     *
     * @param entries what the input gave, for the files it read
     */
    public static Optional<String> problem(@Nullable String input, Path output, List<ScriptEntry> entries) {
        if (input == null || input.isBlank() || output == null) {
            return Optional.empty();
        }
        Path out = real(output);
        Optional<InputFiles.SearchArea> root = InputFiles.searchArea(input, Path.of(""));
        if (root.isPresent()) {
            Path folder = real(root.get().folder());
            String what = root.get().pattern() == null
                    ? "the input folder " + folder
                    : "the base folder " + folder + " of the input pattern '"
                            + root.get().pattern() + "'";
            if (out.equals(folder)) {
                return Optional.of(refusal(output, "is " + what));
            }
            if (folder.startsWith(out)) {
                return Optional.of(refusal(output, "contains " + what));
            }
            if (out.startsWith(folder)
                    && root.get().depth() > folder.relativize(out).getNameCount()) {
                return Optional.of(refusal(output, "is inside " + what + ", where the pattern looks for scripts"));
            }
        }
        for (Path file : filesRead(input.strip(), entries)) {
            Path read = real(file);
            if (read.startsWith(out)) {
                return Optional.of(refusal(output, "holds the input file " + read));
            }
        }
        return Optional.empty();
    }

    private static String refusal(Path output, String how) {
        return "'output' " + output + " " + how + ": Nightcast's files (<id>.txt, .wav, .vtt, .mp3, index.html, "
                + "feed.xml) could replace the scripts. Choose an output folder outside the input, and not "
                + "around it";
    }

    private static Set<Path> filesRead(String input, List<ScriptEntry> entries) {
        Set<Path> files = new LinkedHashSet<>();
        try {
            Path literal = Path.of(input);
            if (Files.isRegularFile(literal)) {
                files.add(literal);
            }
        } catch (InvalidPathException e) {
            // a glob: its files are the entries' sources
        }
        for (ScriptEntry entry : entries) {
            files.add(entry.source().file());
            if (entry instanceof EpisodeScript script) {
                for (Passage passage : script.passages()) {
                    files.add(passage.source().file());
                }
            }
        }
        return files;
    }

    /**
     * The path as the file system resolves it, links followed; for a path that does not exist yet,
     * its deepest existing folder resolved and the rest appended.
     */
    static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }
}
