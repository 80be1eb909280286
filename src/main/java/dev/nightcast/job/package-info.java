/**
 * The Spring Batch wiring of the {@code narrate} job: {@link dev.nightcast.job.RunParams} (the
 * run's settings as job parameters), the partitioned step whose workers pull episodes from one
 * queue, and the listeners that follow them (progress, spend and limits, the run summary, the
 * review page and feed, a graceful stop). Narration code knows nothing of Spring Batch beyond the
 * item processor it implements.
 */
package dev.nightcast.job;
