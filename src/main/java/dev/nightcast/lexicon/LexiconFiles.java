package dev.nightcast.lexicon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

import dev.nightcast.input.ScriptFiles;

/**
 * Reads lexicon files, each once per instance, and keeps every problem found (one line each,
 * {@code file:line: …}) for the preflight to report before any work starts.
 *
 * <p>Two formats, told apart by the extension ({@code .csv}; anything else is read as PLS):
 * <ul>
 * <li>W3C PLS 1.0 ({@link PlsDocument}), as Azure speech users already have them;</li>
 * <li>CSV with two columns, {@code written,spoken}, one entry a row; an optional header row
 *     {@code written,spoken}; lines starting with {@code #} are comments.</li>
 * </ul>
 * In both, a grapheme defined twice in one file, an alias that contains its own grapheme (the
 * transcript could not be mapped back, and the entry would apply to its own output), an empty
 * grapheme or alias and overlong ones are problems.
 *
 * <p>Files are untrusted input like scripts: opened only through a {@link ScriptFiles} (inside the
 * allowed folders, regular files, bounded size, strict UTF-8). Thread-safe.
 */
public final class LexiconFiles {

    /** Longer graphemes or aliases are surely not words. */
    static final int MAX_LENGTH = 300;
    /** More entries in one file than anyone writes by hand; bounds the matcher. */
    static final int MAX_ENTRIES = 20_000;

    private final long maxBytes;
    private final Map<Path, Lexicon> loaded = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    /** @param maxBytes the largest lexicon file read */
    public LexiconFiles(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * The operator's lexicons (the {@code lexicon} key), later files over earlier ones. Any regular
     * file the operator names may be read.
     */
    public synchronized Lexicon load(List<Path> files) {
        Lexicon lexicon = Lexicon.NONE;
        for (Path file : files) {
            Path folder = file.toAbsolutePath().getParent();
            ScriptFiles confined =
                    new ScriptFiles(List.of(), maxBytes).alsoFrom(folder == null ? Path.of("/") : folder);
            lexicon = lexicon.then(load(file, confined, file.toString()));
        }
        return lexicon;
    }

    /**
     * One lexicon file, read only where {@code confined} allows (a script's {@code lexicon:} lies in
     * the input), or {@link Lexicon#NONE} with a problem.
     *
     * @param name how the file is named in messages (the path as written)
     */
    public synchronized Lexicon load(Path file, ScriptFiles confined, String name) {
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            real = file.toAbsolutePath().normalize();
        }
        Lexicon known = loaded.get(real);
        if (known != null) {
            return known;
        }
        ScriptFiles.Text read = confined.read(file);
        Lexicon lexicon = Lexicon.NONE;
        if (!read.isRead()) {
            problems.add(name + ":1: lexicon " + read.problem());
        } else {
            List<String> found = new ArrayList<>();
            List<LexiconEntry> entries =
                    file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")
                            ? csv(read.text(), name, found)
                            : pls(read.text(), name, found);
            if (found.isEmpty()) {
                lexicon = Lexicon.of(entries);
            }
            // In the file's order, whichever rule found them.
            found.sort(Comparator.comparingLong(problem -> lineOf(problem, name)));
            problems.addAll(found);
        }
        loaded.put(real, lexicon);
        return lexicon;
    }

    /** Every problem found so far, in the order found. */
    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** Throws when any lexicon read so far cannot be used. */
    public synchronized void requireUsable() {
        if (!problems.isEmpty()) {
            throw new LexiconException(problems);
        }
    }

    private static List<LexiconEntry> pls(String text, String name, List<String> problems) {
        List<LexiconEntry> entries = new ArrayList<>();
        for (PlsDocument.Lexeme lexeme : PlsDocument.read(text, name, problems)) {
            String where = name + ":" + lexeme.line();
            if (lexeme.graphemes().isEmpty()) {
                problems.add(where + ": the <lexeme> has no <grapheme>");
                continue;
            }
            if (lexeme.alias() == null) {
                problems.add(where + ": '" + lexeme.graphemes().get(0) + "' has "
                        + (lexeme.phonemes() > 0
                                ? "only a <phoneme>, which is not supported: the Realtime API"
                                        + " takes no phonemes; write how to say it as an <alias> (e.g. <alias>Nee-shay</alias>)"
                                : "no <alias>"));
                continue;
            }
            lexeme.graphemes().forEach(grapheme -> entries.add(new LexiconEntry(grapheme, lexeme.alias(), where)));
        }
        return checked(entries, problems);
    }

    private static List<LexiconEntry> csv(String text, String name, List<String> problems) {
        List<LexiconEntry> entries = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder()
                .commentStrategy(CommentStrategy.SKIP)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .ofCsvRecord(text)) {
            boolean first = true;
            for (CsvRecord row : reader) {
                String where = name + ":" + row.getStartingLineNumber();
                List<String> fields = row.getFields();
                boolean header = first
                        && fields.size() == 2
                        && "written".equalsIgnoreCase(fields.get(0).strip())
                        && "spoken".equalsIgnoreCase(fields.get(1).strip());
                first = false;
                if (header || fields.size() == 1 && fields.get(0).isBlank()) {
                    continue;
                }
                if (fields.size() != 2) {
                    problems.add(where + ": expected two columns, written,spoken; found " + fields.size());
                    continue;
                }
                entries.add(new LexiconEntry(Lexicon.collapse(fields.get(0)), Lexicon.collapse(fields.get(1)), where));
            }
        } catch (IOException | RuntimeException e) {
            problems.add(name + ":1: not a lexicon CSV: " + e.getMessage());
        }
        return checked(entries, problems);
    }

    /** The rules both formats share. */
    private static List<LexiconEntry> checked(List<LexiconEntry> entries, List<String> problems) {
        if (entries.size() > MAX_ENTRIES) {
            problems.add(entries.get(MAX_ENTRIES).where() + ": more than " + MAX_ENTRIES + " entries in one lexicon");
            return List.of();
        }
        Map<String, LexiconEntry> seen = new LinkedHashMap<>();
        for (LexiconEntry entry : entries) {
            String grapheme = entry.grapheme();
            if (grapheme.isEmpty() || entry.alias().isEmpty()) {
                problems.add(entry.where() + ": "
                        + (grapheme.isEmpty()
                                ? "an empty grapheme (the written word)"
                                : "'" + grapheme + "' has an empty alias (the spoken form)"));
                continue;
            }
            if (grapheme.length() > MAX_LENGTH || entry.alias().length() > MAX_LENGTH) {
                problems.add(entry.where() + ": '" + abbreviate(grapheme) + "': graphemes and aliases may have at most "
                        + MAX_LENGTH + " characters");
                continue;
            }
            LexiconEntry first = seen.putIfAbsent(grapheme, entry);
            if (first != null) {
                problems.add(entry.where() + ": duplicate grapheme '" + grapheme + "' (first at " + first.where()
                        + "); keep one entry per written form");
            }
            if (Lexicon.contains(entry.alias(), grapheme)) {
                problems.add(entry.where() + ": the alias '" + entry.alias() + "' contains its own grapheme '"
                        + grapheme + "'; a transcript could not be mapped back to what was written");
            }
        }
        return entries;
    }

    private static long lineOf(String problem, String name) {
        String rest = problem.substring(name.length() + 1);
        int colon = rest.indexOf(':');
        try {
            return Long.parseLong(rest.substring(0, colon));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
