package dev.nightcast.job;

import java.io.IOException;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

import dev.nightcast.input.InputProperties;
import dev.nightcast.podcast.PodcastOutputs;
import dev.nightcast.report.RunReport;
import dev.nightcast.report.RunSummaryJson;

/**
 * At the end of every run, whatever its status: writes {@code output/runs/<execution-id>.json} and
 * brings the review page, the podcast feed and the MP3 renditions up to date. A failure here is
 * logged and never changes the run's outcome: the episodes are published already.
 */
@Component
class RunOutputs implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(RunOutputs.class);

    private final RunReport report;
    private final PodcastOutputs publisher;
    private final InputProperties input;

    RunOutputs(RunReport report, PodcastOutputs publisher, InputProperties input) {
        this.report = report;
        this.publisher = publisher;
        this.input = input;
    }

    @Override
    public void afterJob(JobExecution execution) {
        RunParams params = RunParams.of(execution.getJobParameters());
        Path output = params.output();
        try {
            Path json = RunSummaryJson.write(output, report.summarize(execution));
            log.info("Run summary written to {}", json);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not write the run summary of execution {} to {}: {}", execution.getId(), output,
                    e.getMessage());
        }
        try {
            var published = publisher.refresh(params.scriptLoader(input).load(params.input()), output);
            log.info("Review page {} and podcast feed {} list {} episodes", published.page(), published.feed(),
                    published.episodes());
        } catch (IOException | RuntimeException e) {
            log.warn("Could not update the review page and feed in {}: {}", output, e.getMessage());
        }
    }
}
