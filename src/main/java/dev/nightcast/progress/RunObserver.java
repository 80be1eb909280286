package dev.nightcast.progress;

import java.util.function.Supplier;

/**
 * Follows a run as it happens, e.g. to show progress. Spring beans of this type are told about every
 * run of the narrate job.
 *
 * <p>Calls for one run come one at a time, in order (the job serialises them), from the job's
 * threads; an observer must return quickly and must not throw.
 */
public interface RunObserver {

    /**
     * The run starts with {@code total} input entries (done ones included; they will be skipped).
     *
     * @param progress where the run stands at any moment, for observers that report on a timer
     */
    default void runStarted(long jobExecutionId, int total, Supplier<RunProgress> progress) {}

    /** An entry is finished: narrated, skipped, failed or invalid. */
    default void episodeFinished(EpisodeEvent event, RunProgress progress) {}

    /**
     * The run's totals changed with no episode event in this process: a cluster's manager follows what
     * its worker hosts did, read from the job repository (see {@link LiveRun#follow}).
     */
    default void runProgressed(RunProgress progress) {}

    /** The run stopped starting episodes early; in-flight ones still finish. */
    default void runStopping(String reason, RunProgress progress) {}

    /** The job has ended, whatever its status. */
    default void runEnded(RunProgress progress) {}
}
