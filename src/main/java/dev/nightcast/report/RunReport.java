package dev.nightcast.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

import dev.nightcast.budget.Cost;
import dev.nightcast.budget.PriceTable;
import dev.nightcast.store.EpisodeStatus;
import dev.nightcast.store.ExecutionDeployments;
import dev.nightcast.store.ExecutionEpisodes;
import dev.nightcast.store.InputProblemRepository;
import dev.nightcast.text.SafeText;

/**
 * Builds the {@link RunSummary} of a job execution from the database and the execution's
 * {@link ExecutionTally}, and renders it for the console.
 *
 * <p>A job listener that knows why a run stopped early says so with an exit status of its own code
 * ({@code GATEWAY_OUTAGE}, {@link RunSummary#LIMIT_REACHED}); its description is written for the
 * operator and shown as the stop reason. Spring Batch's own exit descriptions hold stack traces and
 * are left to the log.
 */
@Component
public class RunReport {

    static final int SLOWEST = 5;
    private static final Set<String> BATCH_EXIT_CODES = Set.of(
            ExitStatus.COMPLETED.getExitCode(),
            ExitStatus.FAILED.getExitCode(),
            ExitStatus.STOPPED.getExitCode(),
            ExitStatus.UNKNOWN.getExitCode(),
            ExitStatus.EXECUTING.getExitCode(),
            ExitStatus.NOOP.getExitCode());

    private final ExecutionEpisodes episodes;
    private final InputProblemRepository inputProblems;
    private final PriceTable prices;
    private final ExecutionDeployments deployments;
    private final JobRepository jobRepository;

    public RunReport(
            ExecutionEpisodes episodes,
            InputProblemRepository inputProblems,
            PriceTable prices,
            ExecutionDeployments deployments,
            JobRepository jobRepository) {
        this.episodes = episodes;
        this.inputProblems = inputProblems;
        this.prices = prices;
        this.deployments = deployments;
        this.jobRepository = jobRepository;
    }

    public RunSummary summarize(JobExecution execution) {
        long id = execution.getId();
        long skipped = execution.getStepExecutions().stream()
                .filter(step -> step.getStepName().contains(":"))
                .mapToLong(StepExecution::getFilterCount)
                .sum();
        ExecutionEpisodes.Narrated narrated = episodes.narrated(id);
        // Episodes the continued execution narrated after its manager died were skipped here as done.
        ExecutionTally taken = unreported(execution);
        skipped = Math.max(0, skipped - taken.narrated());
        ExecutionTally tally = ExecutionTally.sum(execution.getStepExecutions()).continuing(taken);
        Cost cost = tally.model() == null ? Cost.none(prices.asOf()) : prices.cost(tally.model(), tally.tokens());
        ExitStatus exit = execution.getExitStatus();
        return new RunSummary(
                id,
                execution.getStatus().name(),
                exit.getExitCode(),
                narrated.episodes() + taken.narrated(),
                skipped,
                episodes.failed(id),
                inputProblems.count(id),
                narrated.audioMillis() + taken.audioMillis(),
                tally.tokens(),
                cost,
                instant(execution.getStartTime()),
                instant(execution.getEndTime()),
                stopReason(exit),
                slowest(id),
                failures(id),
                snapshotChanges(id),
                deployments(id));
    }

    /**
     * What the execution this one continues did that no summary reported. In a cluster, the partitions
     * of a manager that died go on narrating for their execution on live worker hosts, and the manager
     * that continues the run waits for them: its summary reports what they did beyond the tally the
     * dead manager's progress showed last (kept in that execution's context), as one process reports
     * what happened after it started. Nothing for an execution that ended with its manager, nor for one
     * process (a killed process's work stopped with it and shows here as skipped).
     */
    public ExecutionTally unreported(JobExecution execution) {
        JobInstance instance = execution.getJobInstance();
        long previous = jobRepository.getJobExecutions(instance).stream()
                .mapToLong(JobExecution::getId)
                .filter(other -> other < execution.getId())
                .max()
                .orElse(-1);
        JobExecution continued = previous < 0 ? null : jobRepository.getJobExecution(previous);
        if (continued == null) {
            return ExecutionTally.EMPTY;
        }
        return ExecutionTally.reported(continued.getExecutionContext())
                .map(reported ->
                        ExecutionTally.sum(continued.getStepExecutions()).minus(reported))
                .orElse(ExecutionTally.EMPTY);
    }

    /** A deployment that now serves another snapshot: said in the summary, since a voice changes with it. */
    private List<String> snapshotChanges(long id) {
        return episodes.snapshotChanges(id).stream()
                .map(change -> "model " + change.model() + " is now served by snapshot "
                        + String.join(", ", change.now())
                        + (change.before().isEmpty()
                                ? ""
                                : "; " + change.episodes() + " published episode(s) were" + " spoken by "
                                        + String.join(", ", change.before()))
                        + (change.mixed().isEmpty()
                                ? ""
                                : "; " + String.join(", ", change.mixed())
                                        + " mix(es) segments of both (kept from the earlier narration)")
                        + ": the feed mixes voices (set model-version to pin one snapshot)")
                .toList();
    }

    /** What each deployment did, from the attempt rows and the end states. */
    private List<RunSummary.DeploymentShare> deployments(long id) {
        return deployments.of(id).stream()
                .map(d -> new RunSummary.DeploymentShare(
                        d.deployment(), d.episodes(), d.succeeded(), d.failed(), d.throttled(), d.state(), d.note()))
                .toList();
    }

    private static @Nullable String stopReason(ExitStatus exit) {
        String description = exit.getExitDescription();
        return BATCH_EXIT_CODES.contains(exit.getExitCode()) || description == null || description.isBlank()
                ? null
                : description.strip();
    }

    private List<RunSummary.EpisodeTime> slowest(long id) {
        return episodes.timings(id).stream()
                .map(e -> new RunSummary.EpisodeTime(
                        e.episodeId(),
                        e.title(),
                        e.status().name(),
                        e.tookMillis(),
                        e.status() == EpisodeStatus.DONE ? e.durationMillis() : 0))
                .sorted(Comparator.comparingLong(RunSummary.EpisodeTime::tookMillis)
                        .reversed()
                        .thenComparing(RunSummary.EpisodeTime::episodeId))
                .limit(SLOWEST)
                .toList();
    }

    /** Failed episodes by id, then invalid input entries in input order. */
    private List<RunSummary.EpisodeFailure> failures(long id) {
        List<RunSummary.EpisodeFailure> failures = new ArrayList<>();
        episodes.failures(id)
                .forEach(failed -> failures.add(new RunSummary.EpisodeFailure(
                        failed.episodeId(), failed.source(), failed.failureKind(), failed.reason())));
        inputProblems
                .list(id)
                .forEach(problem -> failures.add(new RunSummary.EpisodeFailure(
                        problem.episodeId(), problem.source(), "INVALID", problem.reason())));
        return failures;
    }

    /** The console table printed at the end of every run. */
    public String render(RunSummary summary) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                "Execution %d %s  (wall time %s)%n",
                summary.jobExecutionId(), summary.status(), clock(summary.wallTime())));
        if (summary.stopReason() != null) {
            text.append(String.format(
                    "  stopped early: %s%n", summary.stopReason().replace("\n", System.lineSeparator() + "    ")));
            if (summary.stoppedAtLimit()) {
                text.append("  the next run with the same params continues where this one stopped")
                        .append(System.lineSeparator());
            }
        }
        text.append(
                String.format("  narrated  %6d   (%s of audio)%n", summary.narrated(), minutes(summary.audioMillis())));
        text.append(
                String.format("  skipped   %6d   (already narrated, same script and settings)%n", summary.skipped()));
        text.append(String.format("  failed    %6d%n", summary.failed()));
        text.append(
                String.format("  invalid   %6d   (input rows or files that could not be read)%n", summary.invalid()));
        text.append(String.format("  tokens    %s%n", tokens(summary)));
        text.append(String.format("  cost      %s%n", summary.cost().describe()));
        if (!summary.slowest().isEmpty()) {
            text.append("  slowest   ")
                    .append(String.join(
                            ", ",
                            summary.slowest().stream()
                                    .limit(3)
                                    .map(e -> SafeText.oneLine(e.episodeId()) + " "
                                            + clock(Duration.ofMillis(e.tookMillis())))
                                    .toList()))
                    .append(System.lineSeparator());
        }
        for (String change : summary.modelSnapshotChanges()) {
            text.append("  snapshot  ").append(SafeText.oneLine(change)).append(System.lineSeparator());
        }
        if (summary.severalDeployments()) {
            text.append("  deployments").append(System.lineSeparator());
            for (RunSummary.DeploymentShare d : summary.deployments()) {
                text.append(String.format(
                        "    %-44s %4d episodes %6d segments %5d failed %5d throttled%s%n",
                        d.deployment(),
                        d.episodes(),
                        d.segments(),
                        d.failed(),
                        d.throttled(),
                        d.state() == null || d.state().equals("UP") && d.note() == null
                                ? ""
                                : "  " + d.state().toLowerCase(java.util.Locale.ROOT)
                                        + (d.note() == null ? "" : ": " + SafeText.oneLine(d.note()))));
            }
        }
        for (String failure : summary.failures()) {
            // Ids, file names and reasons come from the input: one line each, whatever they hold.
            text.append("  ! ").append(SafeText.oneLine(failure)).append(System.lineSeparator());
        }
        return text.toString();
    }

    private static String tokens(RunSummary summary) {
        var t = summary.tokens();
        return String.format(
                "%,d in (%,d text, %,d audio), %,d out (%,d text, %,d audio)",
                t.inputTokens(),
                t.inputTextTokens(),
                t.inputAudioTokens(),
                t.outputTokens(),
                t.outputTextTokens(),
                t.outputAudioTokens());
    }

    static @Nullable Instant instant(@Nullable LocalDateTime time) {
        // Spring Batch keeps execution times as local date-times of this machine.
        return time == null ? null : time.atZone(ZoneId.systemDefault()).toInstant();
    }

    static String minutes(long millis) {
        return String.format("%d:%02d min", millis / 60_000, millis / 1000 % 60);
    }

    static String clock(Duration duration) {
        long s = duration.toSeconds();
        return s >= 3600
                ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
