package dev.nightcast.cluster;

/** The names the manager and the worker hosts agree on. */
public final class ClusterSteps {

    /** The partitioned worker step (job.NarrateJobConfiguration builds it under this name). */
    public static final String WORKER_STEP = "narrateWorker";

    private ClusterSteps() {}
}
