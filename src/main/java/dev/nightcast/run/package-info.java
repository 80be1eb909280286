/**
 * One invocation of {@code narrate}, from the checks before anything is spent to the exit code:
 * {@link dev.nightcast.run.Preflight} (every configuration problem at once, input and output kept
 * apart), {@link dev.nightcast.run.NarrateLauncher} (the database run lock, recovery of executions
 * and output files a killed process left, start or restart of the job) and
 * {@link dev.nightcast.run.ExitCodes}. {@code StopSignals} turns SIGTERM into a graceful stop.
 */
@NullMarked
package dev.nightcast.run;

import org.jspecify.annotations.NullMarked;
