package dev.nightcast.cli;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

import dev.nightcast.input.InputProperties;
import dev.nightcast.job.RunParams;
import dev.nightcast.job.UsageException;
import dev.nightcast.podcast.FeedProperties;
import dev.nightcast.podcast.LastRun;
import dev.nightcast.podcast.PodcastOutputs;
import dev.nightcast.report.RunSummaryJson;
import dev.nightcast.run.ExitCodes;
import dev.nightcast.run.InputOutputOverlap;
import dev.nightcast.run.Preflight;

/**
 * {@code report --params=FILE}: brings the review page, the podcast feed and the MP3 renditions of
 * a run's output folder up to date without narrating anything (every run does this at its end;
 * this is for a changed {@code nightcast.feed.*} setting or a lost file).
 */
@Component
class ReportCommand implements NightcastCommand {

    private final PodcastOutputs publisher;
    private final InputProperties input;
    private final FeedProperties feed;

    ReportCommand(PodcastOutputs publisher, InputProperties input, FeedProperties feed) {
        this.publisher = publisher;
        this.input = input;
        this.feed = feed;
    }

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String synopsis() {
        return "report --params=FILE [--key=value ...]    rewrite index.html, feed.xml and the MP3s; narrates nothing";
    }

    @Override
    public int run(ApplicationArguments args) throws Exception {
        // No gateway is needed here, so its configuration is not checked.
        RunParams params = ParamsFile.load(NarrateCommand.paramsFile(args), NarrateCommand.overrides(args));
        var entries = params.scriptLoader(input).load(params.input());
        List<String> problems = new ArrayList<>();
        InputOutputOverlap.problem(params.input(), params.output(), entries).ifPresent(problems::add);
        problems.addAll(Preflight.foreignOutputFiles(params.output()));
        // The feed it writes is judged as a run's would be.
        problems.addAll(feed.problems());
        if (feed.strict()) {
            feed.lacks().forEach(lack -> problems.add(lack + " (nightcast.feed.strict=true)"));
        }
        if (!problems.isEmpty()) {
            throw new UsageException("Cannot write the review page and feed:", problems);
        }
        // The banner of the run that last wrote the folder, from its summary there.
        LastRun lastRun = RunSummaryJson.latest(params.output())
                .map(latest ->
                        new LastRun(latest.jobExecutionId(), latest.status(), latest.stopReason(), latest.endedAt()))
                .orElse(null);
        PodcastOutputs.Published published = publisher.refresh(entries, params.output(), lastRun);
        System.out.printf(
                "Review page %s and feed %s: %d episodes, %d with audio%n",
                published.page(), published.feed(), published.episodes(), published.withAudio());
        return ExitCodes.ALL_DONE;
    }
}
