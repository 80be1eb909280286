package dev.nightcast.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.nightcast.budget.Cost;
import dev.nightcast.realtime.TokenUsage;

/**
 * What one job execution did.
 *
 * @param status the execution's {@code BatchStatus}
 * @param exitCode the execution's exit code ({@code COMPLETED}, {@code FAILED}, {@code GATEWAY_OUTAGE},
 *     {@link #LIMIT_REACHED}, …)
 * @param narrated episodes narrated and published by this execution
 * @param skipped episodes already published with the same fingerprint (not sent to the gateway)
 * @param failed episodes that failed (recorded with their reason)
 * @param invalid input entries that could not become episodes (recorded with file and line)
 * @param audioMillis audio narrated by this execution
 * @param tokens every token the gateway reported for this execution, failed attempts included
 * @param cost {@code tokens} priced by the {@link dev.nightcast.budget.PriceTable}
 * @param stopReason why the run stopped early, for the operator (a gateway outage, {@code max-cost},
 *     {@code finish-by}), or {@code null} when it did not
 * @param slowest the episodes that took longest, slowest first
 * @param failedEpisodes each failed episode and invalid entry with its reason
 * @param modelSnapshotChanges one sentence per deployment whose published episodes were spoken by
 *     another model snapshot than this execution's: the feed mixes two voices
 * @param deployments what each deployment did, from the attempt rows (and, for a run over several
 *     deployments, how each stood at the end), by name
 */
public record RunSummary(
        long jobExecutionId,
        String status,
        String exitCode,
        long narrated,
        long skipped,
        long failed,
        long invalid,
        long audioMillis,
        TokenUsage tokens,
        Cost cost,
        @Nullable Instant startedAt,
        @Nullable Instant endedAt,
        @Nullable String stopReason,
        List<EpisodeTime> slowest,
        List<EpisodeFailure> failedEpisodes,
        List<String> modelSnapshotChanges,
        List<DeploymentShare> deployments) {

    /** The exit code (Spring Batch {@code ExitStatus}) of an execution stopped by its {@code RunLimits}. */
    public static final String LIMIT_REACHED = "LIMIT_REACHED";

    public RunSummary {
        slowest = List.copyOf(slowest);
        failedEpisodes = List.copyOf(failedEpisodes);
        modelSnapshotChanges = modelSnapshotChanges == null ? List.of() : List.copyOf(modelSnapshotChanges);
        deployments = List.copyOf(deployments);
    }

    /** A summary without snapshot changes and deployments' shares. */
    public RunSummary(
            long jobExecutionId,
            String status,
            String exitCode,
            long narrated,
            long skipped,
            long failed,
            long invalid,
            long audioMillis,
            TokenUsage tokens,
            Cost cost,
            @Nullable Instant startedAt,
            @Nullable Instant endedAt,
            @Nullable String stopReason,
            List<EpisodeTime> slowest,
            List<EpisodeFailure> failedEpisodes) {
        this(
                jobExecutionId,
                status,
                exitCode,
                narrated,
                skipped,
                failed,
                invalid,
                audioMillis,
                tokens,
                cost,
                startedAt,
                endedAt,
                stopReason,
                slowest,
                failedEpisodes,
                List.of(),
                List.of());
    }

    /**
     * What one deployment did in the run.
     *
     * @param deployment endpoint host and deployment name
     * @param episodes episodes with at least one segment narrated there
     * @param segments calls whose reading was kept
     * @param failed calls that failed
     * @param throttled calls it throttled
     * @param state {@code UP}, {@code DOWN} or {@code OUT} at the end of a run over several
     *     deployments; null otherwise
     * @param note why it was down or out; null when there is nothing to say
     */
    public record DeploymentShare(
            String deployment,
            long episodes,
            long segments,
            long failed,
            long throttled,
            @Nullable String state,
            @Nullable String note) {}

    /** Whether the run went over several deployments: then the summary shows what each did. */
    public boolean severalDeployments() {
        return deployments.size() > 1 || deployments.stream().anyMatch(d -> d.state() != null);
    }
    /** How long one episode took and what it gave. */
    public record EpisodeTime(String episodeId, String title, String status, long tookMillis, long audioMillis) {}

    /**
     * A failed episode or invalid input entry.
     *
     * @param kind {@code TRANSIENT}/{@code PERMANENT} for a narration, {@code INVALID} for an input entry
     */
    public record EpisodeFailure(String episodeId, String source, String kind, String reason) {

        public String line() {
            return (episodeId == null || episodeId.isBlank() ? "(no id)" : episodeId) + " (" + source + "): " + reason;
        }
    }

    public boolean anyEpisodeFailed() {
        return failed > 0 || invalid > 0;
    }

    /** Stopped by {@code max-cost} or {@code finish-by}: not a failure, the next run continues. */
    public boolean stoppedAtLimit() {
        return LIMIT_REACHED.equals(exitCode);
    }

    public long outputTokens() {
        return tokens.outputTokens();
    }

    /** One line per failed episode or invalid entry, for the operator. */
    public List<String> failures() {
        return failedEpisodes.stream().map(EpisodeFailure::line).toList();
    }

    public Duration wallTime() {
        return startedAt == null || endedAt == null ? Duration.ZERO : Duration.between(startedAt, endedAt);
    }
}
