package dev.nightcast.run;

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
    /**
     * Bad usage or configuration: refused at start, or the gateway refused the configuration (a wrong
     * key, no such deployment, an untrusted certificate, the old protocol) and the run stopped at its
     * first answer with no episode marked failed; after the fix the same params continue the run.
     */
    public static final int USAGE = 64;

    private ExitCodes() {}
}
