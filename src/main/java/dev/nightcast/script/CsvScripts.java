package dev.nightcast.script;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import org.jspecify.annotations.Nullable;

import dev.nightcast.input.InputException;
import dev.nightcast.input.ScriptFiles;
import dev.nightcast.input.TextFiles;

/**
 * Reads a CSV input file: a header row, then one episode per row.
 *
 * <p>Columns (header names are trimmed and case-insensitive, other columns are ignored):
 * {@code episode_id} (required), {@code script} and/or {@code script_file} (at least one),
 * {@code title}, {@code voice}, {@code instructions}, {@code speed}, and for the feed {@code description},
 * {@code published} (a date), {@code explicit} and {@code image}. {@code script} holds the text
 * itself; {@code script_file} a path relative to the CSV's folder, read as plain text, or as
 * markdown when it ends in {@code .md} (its front matter then fills title, voice, instructions and
 * speed the row leaves empty, and its {@code speakers:} make it a dialogue).
 *
 * <p>Parsing is RFC 4180 (FastCSV): quoted fields may hold commas, doubled quotes and line breaks;
 * CRLF or LF; UTF-8 with or without a byte order mark. Each episode's line is the line its record
 * starts on, so a multi-line field does not shift the lines reported for later rows. The file is
 * streamed, so its size is not limited; each cell is, by {@code nightcast.input.max-script-size}.
 */
final class CsvScripts {

    static final String EPISODE_ID = "episode_id";
    static final String TITLE = "title";
    static final String VOICE = "voice";
    static final String INSTRUCTIONS = "instructions";
    static final String SCRIPT = "script";
    static final String SCRIPT_FILE = "script_file";
    static final String SPEED = "speed";
    static final String DESCRIPTION = "description";
    static final String PUBLISHED = "published";
    static final String EXPLICIT = "explicit";
    static final String IMAGE = "image";

    private CsvScripts() {}

    /**
     * Reads {@code file} row by row, handing each non-empty data row's draft to {@code drafts} in file
     * order. The file is streamed, never held whole, and every cell is bounded by the script size
     * limit: a larger cell invalidates its row only.
     *
     * @param files where {@code script_file}s may be read from; the CSV's own folder is added
     * @throws InputException when the file cannot be read, is not UTF-8, cannot be parsed as CSV,
     *     is empty or lacks the needed columns
     */
    static void read(Path file, ScriptFiles files, Consumer<EpisodeDraft> drafts) {
        ScriptFiles scriptFiles =
                files.alsoFrom(Objects.requireNonNull(file.toAbsolutePath().getParent(), "a file is in a folder"));
        List<EpisodeDraft> read = new ArrayList<>();
        QuoteTracker quotes = new QuoteTracker();
        try (Reader text = quotes.tracking(TextFiles.utf8Reader(ScriptFiles.open(file.toRealPath())));
                CsvReader<CsvRow> csv = CsvReader.builder()
                        // Field counts are checked per row below: one ragged row must not stop the whole file.
                        .allowExtraFields(true)
                        .allowMissingFields(true)
                        .skipEmptyLines(true)
                        .maxBufferSize(bufferChars(files.maxBytes()))
                        .build(new CsvRow.Handler(files.maxBytes()), text)) {
            Iterator<CsvRow> records = csv.iterator();
            if (!records.hasNext()) {
                throw new InputException(file + ": the CSV file is empty; it needs a header row with " + EPISODE_ID
                        + " and " + SCRIPT + " or " + SCRIPT_FILE);
            }
            Header header = Header.of(file, records.next());
            while (records.hasNext()) {
                CsvRow record = records.next();
                if (!record.isBlank()) {
                    read.add(row(file, header, record, scriptFiles));
                }
            }
        } catch (CsvParseException e) {
            notUtf8Cause(file, e);
            String cause = e.getCause() != null && e.getCause().getMessage() != null
                    ? " (" + e.getCause().getMessage() + ")"
                    : "";
            throw new InputException(file + ": cannot parse the CSV: " + e.getMessage() + cause, e);
        } catch (TextFiles.NotUtf8Exception e) {
            throw notUtf8(file, e);
        } catch (IOException | UncheckedIOException e) {
            notUtf8Cause(file, e);
            throw new InputException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        if (quotes.unterminatedQuoteLine() > 0) {
            throw new InputException(file + ": the quoted field opened on line " + quotes.unterminatedQuoteLine()
                    + " is never closed; every row after it would be read as part of that field");
        }
        read.forEach(drafts);
    }

    /** FastCSV wraps what the reader throws; a decoding error is the author's to fix, with its line. */
    private static void notUtf8Cause(Path file, Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TextFiles.NotUtf8Exception notUtf8) {
                throw notUtf8(file, notUtf8);
            }
        }
    }

    private static InputException notUtf8(Path file, TextFiles.NotUtf8Exception e) {
        return new InputException(file + " is " + e.getMessage() + "; save the CSV as UTF-8", e);
    }

    /**
     * FastCSV holds the field being parsed in its buffer: room for a cell twice the limit, so that a
     * cell somewhat over it fails its row (see {@link CsvRow.Handler}) and only a far larger one the
     * file. Either way memory stays bounded.
     */
    private static int bufferChars(long maxBytes) {
        return (int) Math.min(Integer.MAX_VALUE - 8, 2 * maxBytes + 64 * 1024);
    }

    /**
     * Follows the characters as they are read, to find a quoted field that is never closed. FastCSV
     * accepts such a field up to the end of the file, which would silently turn every later row into
     * script text. Same rules: a quote opens a quoted field only at the start of a field, and a
     * doubled quote inside one is an escaped quote.
     */
    static final class QuoteTracker {

        private int line = 1;
        private int openedOn;
        private boolean inQuotes;
        private boolean fieldStart = true;
        /** A quote inside a quoted field: it closes the field unless the next character is a quote too. */
        private boolean quotePending;

        private boolean afterCarriageReturn;

        Reader tracking(Reader in) {
            return new FilterReader(in) {
                @Override
                public int read() throws IOException {
                    int c = super.read();
                    if (c >= 0) {
                        accept((char) c);
                    }
                    return c;
                }

                @Override
                public int read(char[] buffer, int offset, int length) throws IOException {
                    int read = super.read(buffer, offset, length);
                    for (int i = offset; i < offset + read; i++) {
                        accept(buffer[i]);
                    }
                    return read;
                }
            };
        }

        void accept(char c) {
            if (quotePending) {
                quotePending = false;
                if (c == '"') {
                    return; // an escaped quote; still inside the field
                }
                inQuotes = false;
                fieldStart = false;
            }
            if (inQuotes) {
                if (c == '"') {
                    quotePending = true;
                }
            } else if (c == '"' && fieldStart) {
                inQuotes = true;
                openedOn = line;
            }
            if (!inQuotes) {
                fieldStart = c == ',' || c == '\n' || c == '\r';
            }
            if (c == '\r' || (c == '\n' && !afterCarriageReturn)) {
                line++;
            }
            afterCarriageReturn = c == '\r';
        }

        /** The line where a quoted field opens that is never closed, or 0. */
        int unterminatedQuoteLine() {
            return inQuotes && !quotePending ? openedOn : 0;
        }
    }

    private static EpisodeDraft row(Path file, Header header, CsvRow record, ScriptFiles files) {
        SourceLocation source = new SourceLocation(file, Math.toIntExact(record.line()));
        List<String> problems = new ArrayList<>();
        if (record.oversizedField() >= 0) {
            problems.add("the " + header.name(record.oversizedField()) + " cell is larger than " + files.maxBytes()
                    + " bytes, the most a script may have (nightcast.input.max-script-size)");
        }
        String id = header.cell(record, EPISODE_ID).strip();
        String title = header.cell(record, TITLE);
        String voice = header.cell(record, VOICE);
        String instructions = header.cell(record, INSTRUCTIONS);
        String speed = header.cell(record, SPEED);
        String script = header.cell(record, SCRIPT);
        String scriptFile = header.cell(record, SCRIPT_FILE).strip();
        DraftListing listing = new DraftListing(
                header.cell(record, DESCRIPTION),
                header.cell(record, PUBLISHED),
                header.cell(record, EXPLICIT),
                header.cell(record, IMAGE));

        int extra = countExtraValues(header, record);
        if (extra > 0) {
            // Usually an unquoted comma in the script: the text after it would silently be lost.
            problems.add("the row has " + record.fieldCount() + " fields but the header has " + header.size()
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
            ScriptFile loaded = ScriptFile.load(file, scriptFile, source, files);
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
                listing = listing.or(front.listing());
            }
        } else {
            problems.add(
                    header.hasBothScriptColumns()
                            ? "there is no script: both " + SCRIPT + " and " + SCRIPT_FILE + " are empty"
                            : "there is no script: the " + header.scriptColumn() + " cell is empty");
        }
        return new EpisodeDraft(
                id,
                title,
                voice,
                instructions,
                speed,
                speakers,
                passages,
                origin,
                source,
                problems,
                listing,
                List.of());
    }

    /** Non-blank fields beyond the header's columns (trailing empty ones are harmless). */
    private static int countExtraValues(Header header, CsvRow record) {
        int count = record.fieldCount() - record.fields().size();
        for (int i = header.size(); i < record.fields().size(); i++) {
            if (!record.fields().get(i).isBlank()) {
                count++;
            }
        }
        return count;
    }

    private static @Nullable String firstNonBlank(
            @Nullable String first, @Nullable String second, @Nullable String third) {
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

        static Header of(Path file, CsvRow record) {
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < record.fields().size(); i++) {
                String name = record.fields().get(i).strip().toLowerCase(Locale.ROOT);
                if (name.isEmpty()) {
                    continue;
                }
                if (columns.putIfAbsent(name, i) != null && isKnown(name)) {
                    // Two "script" columns: which one is meant cannot be guessed.
                    throw new InputException(
                            file + ": the column '" + name + "' appears more than once in the" + " header");
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
                        + " in the header row (found: " + String.join(", ", record.fields()) + ")");
            }
            return new Header(Map.copyOf(columns), record.fieldCount());
        }

        /** The column's name for messages: its header, or its position when the header has none. */
        String name(int index) {
            return columns.entrySet().stream()
                    .filter(column -> column.getValue() == index)
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElse("column " + (index + 1));
        }

        private static boolean isKnown(String name) {
            return List.of(
                            EPISODE_ID,
                            TITLE,
                            VOICE,
                            INSTRUCTIONS,
                            SPEED,
                            SCRIPT,
                            SCRIPT_FILE,
                            DESCRIPTION,
                            PUBLISHED,
                            EXPLICIT,
                            IMAGE)
                    .contains(name);
        }

        /** The cell of {@code column}, or "" when the header lacks it or the row is short. */
        String cell(CsvRow record, String column) {
            Integer index = columns.get(column);
            return index == null || index >= record.fields().size()
                    ? ""
                    : record.fields().get(index);
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
    private record ScriptFile(
            List<DraftPassage> passages,
            MarkdownFile.FrontMatter frontMatter,
            @Nullable String firstHeading,
            @Nullable String problem) {

        static ScriptFile load(Path csvFile, String relative, SourceLocation row, ScriptFiles files) {
            Path folder = csvFile.getParent() != null ? csvFile.getParent() : Path.of("");
            Path path;
            try {
                path = folder.resolve(relative);
            } catch (InvalidPathException e) {
                return failed(SCRIPT_FILE + " '" + relative + "' is not a valid path: " + e.getReason());
            }
            ScriptFiles.Text read = files.read(path);
            String problem = read.problem();
            if (problem != null) {
                return failed(SCRIPT_FILE + " '" + relative + "' "
                        + (problem.startsWith("does not exist")
                                ? "not found (looked for " + path + "; the path is relative to the CSV's folder)"
                                : problem));
            }
            String content = read.text();
            if (!path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md")) {
                return new ScriptFile(
                        EpisodeDraft.plain(SpeechText.fromPlain(content), row),
                        MarkdownFile.FrontMatter.NONE,
                        null,
                        null);
            }
            try {
                MarkdownFile markdown = MarkdownFile.parse(content, path.toString());
                return new ScriptFile(
                        markdown.passages(path),
                        markdown.frontMatter(),
                        markdown.speech().firstHeading(),
                        null);
            } catch (MarkdownFile.BadFrontMatterException e) {
                return failed(SCRIPT_FILE + " '" + relative + "': " + e.getMessage());
            }
        }

        private static ScriptFile failed(String problem) {
            return new ScriptFile(List.of(), MarkdownFile.FrontMatter.NONE, null, problem);
        }
    }
}
