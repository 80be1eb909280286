/**
 * The run summary, after the run: {@link dev.nightcast.report.RunReport} builds a
 * {@link dev.nightcast.report.RunSummary} from the database and the executions' tallies; it is
 * printed for the operator and written as JSON for machines.
 */
@NullMarked
package dev.nightcast.report;

import org.jspecify.annotations.NullMarked;
