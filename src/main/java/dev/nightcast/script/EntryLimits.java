package dev.nightcast.script;

/**
 * How long an episode's id, title and paths may be: the one place validation, the database
 * columns and the output file names agree on. Validation rejects longer values with file:line;
 * the columns hold at least these lengths; and every file name Nightcast builds from an id stays
 * under the usual 255-byte limit of a file name.
 */
public final class EntryLimits {

    /** Characters in an episode id; its longest output name ({@code .<id>.<fp12>.chapters.json.part}) is 161 bytes. */
    public static final int ID_LENGTH = 128;

    /** Characters in a title (column {@code episode.title}). */
    public static final int TITLE_LENGTH = 1000;

    /**
     * Characters in a stored path: where an entry came from ({@code file:line}) and the output files.
     * Twice Linux's 4,096-byte {@code PATH_MAX}, so any path a file can be opened by fits.
     */
    public static final int PATH_LENGTH = 8192;

    private EntryLimits() {}
}
