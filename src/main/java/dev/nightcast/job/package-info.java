/**
 * The Spring Batch wiring of the {@code narrate} job: {@link dev.nightcast.job.RunParams} (the
 * run's settings, the one translation to and from job parameters), the partitioned step whose
 * workers pull episodes from one queue, the {@link dev.nightcast.job.RunScopes} listener that opens
 * and closes what one execution's workers share (its {@code RunScope}: queue, outage breaker, live
 * run with its limits, segment sharing) and writes the run summary, review page and feed at its end,
 * the worker listeners (progress, spend, MP3s, helping at the end of a run) and a graceful stop.
 * Narration code knows nothing of Spring Batch beyond the item processor it implements.
 */
@NullMarked
package dev.nightcast.job;

import org.jspecify.annotations.NullMarked;
