package dev.nightcast.script;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

/**
 * Reads a CSV input file: a header row, then one episode per row.
 *
 * <p>Columns (header names are trimmed and case-insensitive, other columns are ignored):
 * {@code episode_id} (required), {@code script} and/or {@code script_file} (at least one),
 * {@code title}, {@code voice}, {@code instructions}, {@code speed}. {@code script} holds the text
 * itself; {@code script_file} a path relative to the CSV's folder, read as plain text, or as
 * markdown when it ends in {@code .md} (its front matter then fills title, voice, instructions and
 * speed the row leaves empty, and its {@code speakers:} make it a dialogue).
 *
 * <p>Parsing is RFC 4180 (FastCSV): quoted fields may hold commas, doubled quotes and line breaks;
 * CRLF or LF; UTF-8 with or without a byte order mark. Each episode's line is the line its record
 * starts on, so a multi-line field does not shift the lines reported for later rows.
 */
final class CsvScripts {

    static final String EPISODE_ID = "episode_id";
    static final String TITLE = "title";
    static final String VOICE = "voice";
    static final String INSTRUCTIONS = "instructions";
    static final String SCRIPT = "script";
    static final String SCRIPT_FILE = "script_file";
    static final String SPEED = "speed";

    private CsvScripts() {
    }

    /**
     * One draft per non-empty data row, in file order.
     *
     * @throws InputException when the file cannot be read, is not UTF-8, cannot be parsed as CSV,
     *     is empty or lacks the needed columns
     */
    static List<EpisodeDraft> read(Path file) {
        String content;
        try {
            content = TextFiles.readUtf8(file);
        } catch (TextFiles.NotUtf8Exception e) {
            throw new InputException(e.getMessage() + "; save the CSV as UTF-8", e);
        } catch (IOException e) {
            throw new InputException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        int openQuoteLine = unterminatedQuoteLine(content);
        if (openQuoteLine > 0) {
            throw new InputException(file + ": the quoted field opened on line " + openQuoteLine
                    + " is never closed; every row after it would be read as part of that field");
        }
        List<EpisodeDraft> drafts = new ArrayList<>();
        // Field counts are checked per row below: one ragged row must not stop the whole file.
        try (CsvReader<CsvRecord> csv = CsvReader.builder()
                .allowExtraFields(true)
                .allowMissingFields(true)
                .skipEmptyLines(true)
                .ofCsvRecord(content)) {
            Iterator<CsvRecord> records = csv.iterator();
            if (!records.hasNext()) {
                throw new InputException(file + ": the CSV file is empty; it needs a header row with "
                        + EPISODE_ID + " and " + SCRIPT + " or " + SCRIPT_FILE);
            }
            Header header = Header.of(file, records.next());
            while (records.hasNext()) {
                CsvRecord record = records.next();
                if (!isBlank(record)) {
                    drafts.add(row(file, header, record));
                }
            }
        } catch (CsvParseException e) {
            String cause = e.getCause() != null && e.getCause().getMessage() != null
                    ? " (" + e.getCause().getMessage() + ")" : "";
            throw new InputException(file + ": cannot parse the CSV: " + e.getMessage() + cause, e);
        } catch (IOException e) {
            throw new InputException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return drafts;
    }

    /**
     * The line where a quoted field opens that is never closed, or 0. FastCSV accepts such a field
     * up to the end of the file, which would silently turn every later row into script text. This
     * follows the same rules: a quote opens a quoted field only at the start of a field, and a
     * doubled quote inside one is an escaped quote.
     */
    static int unterminatedQuoteLine(String content) {
        int line = 1;
        int openedOn = 0;
        boolean inQuotes = false;
        boolean fieldStart = true;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            boolean newline = c == '\n' || (c == '\r' && (i + 1 == content.length() || content.charAt(i + 1) != '\n'));
            if (inQuotes) {
                if (c == '"') {
                    if (i + 1 < content.length() && content.charAt(i + 1) == '"') {
                        i++;
                    } else {
                        inQuotes = false;
                    }
                }
            } else if (c == '"' && fieldStart) {
                inQuotes = true;
                openedOn = line;
            }
            if (!inQuotes) {
                fieldStart = c == ',' || c == '\n' || c == '\r';
            }
            if (newline) {
                line++;
            }
        }
        return inQuotes ? openedOn : 0;
    }

    private static boolean isBlank(CsvRecord record) {
        return record.getFields().stream().allMatch(String::isBlank);
    }

    private static EpisodeDraft row(Path file, Header header, CsvRecord record) {
        SourceLocation source = new SourceLocation(file, Math.toIntExact(record.getStartingLineNumber()));
        List<String> problems = new ArrayList<>();
        String id = header.cell(record, EPISODE_ID).strip();
        String title = header.cell(record, TITLE);
        String voice = header.cell(record, VOICE);
        String instructions = header.cell(record, INSTRUCTIONS);
        String speed = header.cell(record, SPEED);
        String script = header.cell(record, SCRIPT);
        String scriptFile = header.cell(record, SCRIPT_FILE).strip();

        int extra = countExtraValues(header, record);
        if (extra > 0) {
            // Usually an unquoted comma in the script: the text after it would silently be lost.
            problems.add("the row has " + record.getFieldCount() + " fields but the header has " + header.size()
                    + " columns; wrap fields containing commas, quotes or line breaks in double quotes");
        }

        List<DraftPassage> passages = null;
        Map<String, String> speakers = Map.of();
        String origin = null;
        if (!script.isBlank() && !scriptFile.isEmpty()) {
            problems.add("both " + SCRIPT + " and " + SCRIPT_FILE + " are filled; fill only one of them");
        } else if (!script.isBlank()) {
            passages = EpisodeDraft.plain(SpeechText.fromPlain(script), source);
            origin = "the " + SCRIPT + " cell";
        } else if (!scriptFile.isEmpty()) {
            ScriptFile loaded = ScriptFile.load(file, scriptFile, source);
            if (loaded.problem() != null) {
                problems.add(loaded.problem());
            } else {
                passages = loaded.passages();
                origin = SCRIPT_FILE + " '" + scriptFile + "'";
                MarkdownFile.FrontMatter front = loaded.frontMatter();
                title = firstNonBlank(title, front.title(), loaded.firstHeading());
                voice = firstNonBlank(voice, front.voice(), null);
                instructions = firstNonBlank(instructions, front.instructions(), null);
                speed = firstNonBlank(speed, front.speed(), null);
                speakers = front.speakers();
            }
        } else {
            problems.add(header.hasBothScriptColumns()
                    ? "there is no script: both " + SCRIPT + " and " + SCRIPT_FILE + " are empty"
                    : "there is no script: the " + header.scriptColumn() + " cell is empty");
        }
        return new EpisodeDraft(id, title, voice, instructions, speed, speakers, passages, origin, source, problems);
    }

    /** Non-blank fields beyond the header's columns (trailing empty ones are harmless). */
    private static int countExtraValues(Header header, CsvRecord record) {
        int count = 0;
        for (int i = header.size(); i < record.getFieldCount(); i++) {
            if (!record.getField(i).isBlank()) {
                count++;
            }
        }
        return count;
    }

    private static String firstNonBlank(String first, String second, String third) {
        if (first != null && !first.isBlank()) {
            return first;
        }
        if (second != null && !second.isBlank()) {
            return second;
        }
        return third;
    }

    /** Column positions by normalised (trimmed, lower-case) header name. */
    private record Header(Map<String, Integer> columns, int size) {

        static Header of(Path file, CsvRecord record) {
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < record.getFieldCount(); i++) {
                String name = record.getField(i).strip().toLowerCase(Locale.ROOT);
                if (name.isEmpty()) {
                    continue;
                }
                if (columns.putIfAbsent(name, i) != null && isKnown(name)) {
                    // Two "script" columns: which one is meant cannot be guessed.
                    throw new InputException(file + ": the column '" + name + "' appears more than once in the"
                            + " header");
                }
            }
            List<String> missing = new ArrayList<>();
            if (!columns.containsKey(EPISODE_ID)) {
                missing.add("'" + EPISODE_ID + "'");
            }
            if (!columns.containsKey(SCRIPT) && !columns.containsKey(SCRIPT_FILE)) {
                missing.add("'" + SCRIPT + "' or '" + SCRIPT_FILE + "'");
            }
            if (!missing.isEmpty()) {
                throw new InputException(file + ": missing column " + String.join(" and ", missing)
                        + " in the header row (found: " + String.join(", ", record.getFields()) + ")");
            }
            return new Header(Map.copyOf(columns), record.getFieldCount());
        }

        private static boolean isKnown(String name) {
            return List.of(EPISODE_ID, TITLE, VOICE, INSTRUCTIONS, SPEED, SCRIPT, SCRIPT_FILE).contains(name);
        }

        /** The cell of {@code column}, or "" when the header lacks it or the row is short. */
        String cell(CsvRecord record, String column) {
            Integer index = columns.get(column);
            return index == null || index >= record.getFieldCount() ? "" : record.getField(index);
        }

        boolean hasBothScriptColumns() {
            return columns.containsKey(SCRIPT) && columns.containsKey(SCRIPT_FILE);
        }

        String scriptColumn() {
            return columns.containsKey(SCRIPT) ? SCRIPT : SCRIPT_FILE;
        }
    }

    /**
     * The text of a {@code script_file}, or why it cannot be used.
     *
     * @param passages what is read; a plain text file is one passage located at the CSV row, a
     *     markdown file's passages are located in the markdown file
     * @param frontMatter {@link MarkdownFile.FrontMatter#NONE} for plain text files
     * @param firstHeading for markdown files, the first heading, else {@code null}
     */
    private record ScriptFile(List<DraftPassage> passages, MarkdownFile.FrontMatter frontMatter, String firstHeading,
            String problem) {

        static ScriptFile load(Path csvFile, String relative, SourceLocation row) {
            Path folder = csvFile.getParent() != null ? csvFile.getParent() : Path.of("");
            Path path;
            try {
                path = folder.resolve(relative);
            } catch (InvalidPathException e) {
                return failed(SCRIPT_FILE + " '" + relative + "' is not a valid path: " + e.getReason());
            }
            if (Files.isDirectory(path)) {
                return failed(SCRIPT_FILE + " '" + relative + "' is a folder, not a file (" + path + ")");
            }
            String content;
            try {
                content = TextFiles.readUtf8(path);
            } catch (NoSuchFileException e) {
                return failed(SCRIPT_FILE + " '" + relative + "' not found (looked for " + path
                        + "; the path is relative to the CSV's folder)");
            } catch (TextFiles.NotUtf8Exception e) {
                return failed(SCRIPT_FILE + " '" + relative + "' is not valid UTF-8 (first invalid byte on line "
                        + e.line() + " of " + path + "); save it as UTF-8");
            } catch (AccessDeniedException e) {
                return failed(SCRIPT_FILE + " '" + relative + "' cannot be read: permission denied (" + path + ")");
            } catch (IOException e) {
                return failed(SCRIPT_FILE + " '" + relative + "' cannot be read (" + path + "): " + e.getMessage());
            }
            if (!path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md")) {
                return new ScriptFile(EpisodeDraft.plain(SpeechText.fromPlain(content), row),
                        MarkdownFile.FrontMatter.NONE, null, null);
            }
            try {
                MarkdownFile markdown = MarkdownFile.parse(content, path.toString());
                return new ScriptFile(markdown.passages(path), markdown.frontMatter(),
                        markdown.speech().firstHeading(), null);
            } catch (MarkdownFile.BadFrontMatterException e) {
                return failed(SCRIPT_FILE + " '" + relative + "': " + e.getMessage());
            }
        }

        private static ScriptFile failed(String problem) {
            return new ScriptFile(null, null, null, problem);
        }
    }
}
