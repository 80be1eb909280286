package dev.nightcast.report;

import java.util.List;

/**
 * What one job execution did, counted from the database.
 *
 * @param narrated episodes narrated and published by this execution
 * @param skipped episodes already published with the same fingerprint (not sent to the gateway)
 * @param failed episodes that failed (recorded with their reason)
 * @param invalid input entries that could not become episodes (recorded with file and line)
 * @param audioMillis audio narrated by this execution
 * @param failures one line per failed episode or invalid entry, for the operator
 * @param stopReason why the run stopped before its end (e.g. a gateway outage), or null
 */
public record RunSummary(long jobExecutionId, String status, long narrated, long skipped, long failed, long invalid,
        long audioMillis, long outputTokens, List<String> failures, String stopReason) {

    public boolean anyEpisodeFailed() {
        return failed > 0 || invalid > 0;
    }
}
