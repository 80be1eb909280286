package dev.nightcast.job;

/** The process exit codes schedulers act on. */
public final class ExitCodes {

    /** Every episode narrated or already done. */
    public static final int ALL_DONE = 0;
    /**
     * The job failed or stopped (outage, crash, database, SIGTERM), or another run held the database;
     * running the same params again continues it.
     */
    public static final int JOB_FAILED = 1;
    /** The run completed, some episodes failed; they are recorded and a rerun retries them. */
    public static final int SOME_EPISODES_FAILED = 2;
    /**
     * The run stopped starting episodes at its {@code max-cost} or {@code finish-by}; everything it
     * started was committed, and running the same params again continues it.
     */
    public static final int STOPPED_AT_LIMIT = 3;
    /** Bad usage or configuration; nothing was done. */
    public static final int USAGE = 64;

    private ExitCodes() {
    }
}
