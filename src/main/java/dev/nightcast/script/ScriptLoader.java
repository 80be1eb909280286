package dev.nightcast.script;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.nightcast.input.InputException;
import dev.nightcast.input.InputFiles;
import dev.nightcast.input.InputProperties;
import dev.nightcast.input.ScriptFiles;
import dev.nightcast.lexicon.Lexicon;
import dev.nightcast.lexicon.LexiconException;
import dev.nightcast.lexicon.LexiconFiles;

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

    private static final Logger log = LoggerFactory.getLogger(ScriptLoader.class);

    private final EpisodeValidator validator;
    private final List<Path> lexicons;
    private final InputProperties limits;
    private final Path workingDir;

    /**
     * @param defaults the voice and instructions an episode gets when its input leaves them empty
     * @param limits how much of a script is read at most
     */
    public ScriptLoader(ScriptDefaults defaults, InputProperties limits) {
        this(defaults, limits, Path.of(""));
    }

    /** For tests: the default limits. */
    ScriptLoader(ScriptDefaults defaults) {
        this(defaults, InputProperties.DEFAULTS);
    }

    /** For tests: resolves relative inputs against {@code workingDir} instead of the current directory. */
    ScriptLoader(ScriptDefaults defaults, Path workingDir) {
        this(defaults, InputProperties.DEFAULTS, workingDir);
    }

    ScriptLoader(ScriptDefaults defaults, InputProperties limits, Path workingDir) {
        this.validator = new EpisodeValidator(defaults);
        this.lexicons = defaults == null ? List.of() : defaults.lexicons();
        this.limits = limits;
        this.workingDir = workingDir;
    }

    /**
     * Every episode in {@code input}, in input order: files in the order described above, rows in
     * file order. When an id appears twice, the later entry is an {@link InvalidScript} naming where
     * the first one is. A file that cannot be read safely (outside the input, not a regular file,
     * too large) or whose reading fails unexpectedly is an {@link InvalidScript} too.
     *
     * @throws InputException when the input does not exist or cannot be read, a folder or glob
     *     matches no {@code .csv}/{@code .md} file, or a CSV is not UTF-8, cannot be parsed, or lacks
     *     the {@code episode_id} or {@code script}/{@code script_file} column; the message names
     *     the file or pattern
     * @throws LexiconException when a lexicon of the run or one a script names cannot be used: every
     *     problem, each with file:line (a configuration error: narrating without it would buy audio
     *     that says the words wrong)
     */
    public List<ScriptEntry> load(@Nullable String input) {
        // Lexicons are read once per load, like the scripts: a lexicon many scripts name is read once.
        LexiconFiles lexiconFiles = new LexiconFiles(limits.maxScriptSize().toBytes());
        Lexicon runLexicon =
                lexiconFiles.load(lexicons.stream().map(workingDir::resolve).toList());
        InputFiles.Resolved resolved = InputFiles.resolve(input, workingDir);
        ScriptFiles files =
                new ScriptFiles(List.of(resolved.root()), limits.maxScriptSize().toBytes());
        List<ScriptEntry> entries = new ArrayList<>();
        for (Path file : resolved.files()) {
            entries.addAll(read(file, files, runLexicon, lexiconFiles));
        }
        lexiconFiles.requireUsable();
        // Once per invocation: the run works on the entries its preflight read.
        log.debug(
                "Read {} entries from {} file(s) of input {}",
                entries.size(),
                resolved.files().size(),
                input);
        return List.copyOf(DuplicateIds.reject(entries));
    }

    /**
     * The lexicons a markdown script names, relative to its folder and read only from inside the
     * input, like its text.
     */
    private static Lexicon ownLexicon(Path file, EpisodeDraft draft, ScriptFiles files, LexiconFiles lexiconFiles) {
        Lexicon own = Lexicon.NONE;
        Path folder = file.toAbsolutePath().getParent();
        for (String name : draft.lexicons()) {
            Path lexicon = folder == null ? Path.of(name) : folder.resolve(name);
            own = own.then(lexiconFiles.load(
                    lexicon,
                    files,
                    file.getParent() == null
                            ? name
                            : file.getParent().resolve(name).toString()));
        }
        return own;
    }

    /** The entries of one file; whatever goes wrong with it fails it alone. */
    private List<ScriptEntry> read(Path file, ScriptFiles files, Lexicon runLexicon, LexiconFiles lexiconFiles) {
        boolean csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        String id = csv ? "" : MarkdownScripts.idFromFileName(file);
        String problem = files.problemOpening(file);
        if (problem != null) {
            return List.of(new InvalidScript(id, new SourceLocation(file, 1), file.getFileName() + " " + problem));
        }
        try {
            if (csv) {
                List<ScriptEntry> entries = new ArrayList<>();
                CsvScripts.read(file, files, draft -> entries.add(validator.validate(draft, runLexicon)));
                return entries;
            }
            EpisodeDraft draft = MarkdownScripts.read(file, files);
            return List.of(validator.validate(draft, runLexicon.then(ownLexicon(file, draft, files, lexiconFiles))));
        } catch (InputException e) {
            throw e;
        } catch (StackOverflowError e) {
            // The markdown parser recurses into nested inline markup; ours does not.
            return List.of(new InvalidScript(
                    id,
                    new SourceLocation(file, 1),
                    file.getFileName()
                            + " is nested too deeply to be read (emphasis, links or quotes inside each other)"));
        } catch (RuntimeException e) {
            log.error("Unexpected error reading {}", file, e);
            return List.of(new InvalidScript(
                    id, new SourceLocation(file, 1), file.getFileName() + " could not be read: " + e));
        }
    }
}
