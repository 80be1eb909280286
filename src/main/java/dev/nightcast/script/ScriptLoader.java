package dev.nightcast.script;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the episode scripts named by the {@code input} setting.
 *
 * <p>The input is a CSV file (one episode per row), a markdown file (one episode), a folder (every
 * {@code .csv} and {@code .md} directly in it, by name) or a glob such as {@code input/*.md} or
 * {@code scripts/**}{@code /*.csv}, resolved against the working directory. See
 * {@link CsvScripts} and {@link MarkdownFile} for the formats.
 *
 * <p>Problems with one episode (bad id, unknown voice, empty text, missing {@code script_file},
 * malformed front matter, an id already used earlier in the input) give an {@link InvalidScript}
 * in its place, and the other episodes still load. Problems with the input as a whole throw
 * {@link InputException}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ScriptLoader {

    private final EpisodeValidator validator;
    private final Path workingDir;

    /**
     * @param defaults the voice and instructions an episode gets when its input leaves them empty
     */
    public ScriptLoader(ScriptDefaults defaults) {
        this(defaults, Path.of(""));
    }

    /** For tests: resolves relative inputs against {@code workingDir} instead of the current directory. */
    ScriptLoader(ScriptDefaults defaults, Path workingDir) {
        this.validator = new EpisodeValidator(defaults);
        this.workingDir = workingDir;
    }

    /**
     * Every episode in {@code input}, in input order: files in the order described above, rows in
     * file order. When an id appears twice, the later entry is an {@link InvalidScript} naming where
     * the first one is.
     *
     * @throws InputException when the input does not exist or cannot be read, a folder or glob
     *     matches no {@code .csv}/{@code .md} file, or a CSV is not UTF-8, cannot be parsed, or lacks
     *     the {@code episode_id} or {@code script}/{@code script_file} column; the message names
     *     the file or pattern
     */
    public List<ScriptEntry> load(String input) {
        List<ScriptEntry> entries = new ArrayList<>();
        for (Path file : InputFiles.resolve(input, workingDir)) {
            for (EpisodeDraft draft : read(file)) {
                entries.add(validator.validate(draft));
            }
        }
        return List.copyOf(DuplicateIds.reject(entries));
    }

    private static List<EpisodeDraft> read(Path file) {
        boolean csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        return csv ? CsvScripts.read(file) : List.of(MarkdownScripts.read(file));
    }
}
