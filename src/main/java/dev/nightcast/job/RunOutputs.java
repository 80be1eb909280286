package dev.nightcast.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import dev.nightcast.podcast.LastRun;
import dev.nightcast.podcast.PodcastOutputs;
import dev.nightcast.report.RunReport;
import dev.nightcast.report.RunSummary;
import dev.nightcast.report.RunSummaryJson;
import dev.nightcast.script.ScriptEntry;

/**
 * What every run leaves at its end, whatever its status ({@link RunScopes#afterJob}):
 * {@code output/runs/<execution-id>.json}, and the review page, the podcast feed and the MP3
 * renditions brought up to date. A failure here is logged and never changes the run's outcome: the
 * episodes are published already.
 */
@Component
class RunOutputs {

    private static final Logger log = LoggerFactory.getLogger(RunOutputs.class);

    private final RunReport report;
    private final PodcastOutputs publisher;

    RunOutputs(RunReport report, PodcastOutputs publisher) {
        this.report = report;
        this.publisher = publisher;
    }

    /**
     * The run summary for machines; the execution's exit status must be settled by now.
     *
     * @return the run as the review page's banner tells it, or {@code null} when it could not be summarised
     */
    @Nullable
    LastRun writeSummary(JobExecution execution, Path output) {
        RunSummary summary;
        try {
            summary = report.summarize(execution);
        } catch (RuntimeException e) {
            log.warn("Could not summarise execution {}: {}", execution.getId(), e.getMessage());
            return null;
        }
        try {
            Path json = RunSummaryJson.write(output, summary);
            log.info("Run summary written to {}", json);
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "Could not write the run summary of execution {} to {}: {}",
                    execution.getId(),
                    output,
                    e.getMessage());
        }
        return new LastRun(summary.jobExecutionId(), summary.status(), summary.stopReason(), summary.endedAt());
    }

    /**
     * @param entries the run's whole input, as loaded once for this invocation
     * @param lastRun this run, for the page's banner
     */
    void refreshPageAndFeed(List<ScriptEntry> entries, Path output, @Nullable LastRun lastRun) {
        try {
            var published = publisher.refresh(entries, output, lastRun);
            log.info(
                    "Review page {} and podcast feed {} list {} episodes",
                    published.page(),
                    published.feed(),
                    published.episodes());
        } catch (IOException | RuntimeException e) {
            log.warn("Could not update the review page and feed in {}: {}", output, e.getMessage());
        }
    }
}
