package dev.nightcast.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

import dev.nightcast.budget.Cost;
import dev.nightcast.budget.PriceTable;
import dev.nightcast.budget.RunLimits;
import dev.nightcast.job.NarrateJobConfiguration;
import dev.nightcast.job.RunParams;
import dev.nightcast.job.UsageException;
import dev.nightcast.progress.RunProgress;
import dev.nightcast.report.ExecutionTally;
import dev.nightcast.report.RunSummary;
import dev.nightcast.run.ExitCodes;
import dev.nightcast.store.ExecutionDeployments;
import dev.nightcast.text.SafeText;

/**
 * {@code status [--limit=N]}: the most recent runs, newest first, with what each did and the limits
 * it ran under. Counts come from each execution's own {@link ExecutionTally}, so an old run's line
 * does not change when a later run narrates its episodes again; the limits are the execution's own
 * job parameters, so a continued run shows the budget it was given, not the one it continued.
 */
@Component
public class StatusCommand implements NightcastCommand {

    static final int DEFAULT_LIMIT = 10;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final JobRepository jobRepository;
    private final PriceTable prices;
    /** Spring Batch writes start times as this machine's local time. */
    private final Clock machineClock = Clock.systemDefaultZone();

    private final ExecutionDeployments deployments;

    StatusCommand(JobRepository jobRepository, PriceTable prices, ExecutionDeployments deployments) {
        this.jobRepository = jobRepository;
        this.prices = prices;
        this.deployments = deployments;
    }

    /** Looked up at each call, so that whatever stands in for standard output (a test) sees the text. */
    private static PrintStream out() {
        return System.out;
    }

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String synopsis() {
        return "status [--limit=N]                        recent runs and what each did, from the database";
    }

    @Override
    public int run(ApplicationArguments args) {
        int limit = limit(args);
        List<JobExecution> executions = recent(limit);
        if (executions.isEmpty()) {
            out().println("No runs yet.");
            return ExitCodes.ALL_DONE;
        }
        out().printf(
                        "%-6s %-16s %8s  %-10s %8s %7s %6s %7s %9s %9s %9s %9s%n",
                        "exec",
                        "started",
                        "wall",
                        "status",
                        "narrated",
                        "skipped",
                        "failed",
                        "invalid",
                        "audio",
                        "cost",
                        "max-cost",
                        "finish-by");
        List<String> notes = new ArrayList<>();
        for (JobExecution execution : executions) {
            ExecutionTally tally = ExecutionTally.sum(execution.getStepExecutions());
            String cost = tally.model() == null
                    ? "-"
                    : prices.cost(tally.model(), tally.tokens()).dollars();
            RunLimits limits = RunParams.from(execution.getJobParameters()).limits();
            out().printf(
                            "%-6d %-16s %8s  %-10s %8d %7d %6d %7d %9s %9s %9s %9s%n",
                            execution.getId(),
                            execution.getStartTime() == null ? "-" : WHEN.format(execution.getStartTime()),
                            wall(execution.getStartTime(), execution.getEndTime()),
                            status(execution),
                            tally.narrated(),
                            tally.skipped(),
                            tally.failed(),
                            tally.invalid(),
                            minutes(tally.audioMillis()),
                            cost,
                            limits.maxCost() == null ? "-" : Cost.format(limits.maxCost()),
                            limits.finishBy() == null ? "-" : limits.finishBy());
            if (execution.isRunning()) {
                notes.add(running(execution, tally));
            }
            if (RunSummary.LIMIT_REACHED.equals(execution.getExitStatus().getExitCode())) {
                notes.add(execution.getId() + ": " + execution.getExitStatus().getExitDescription()
                        + "; the next run continues");
            }
            deploymentsNote(execution.getId()).ifPresent(notes::add);
        }
        notes.forEach(note -> out().println("  " + note));
        out().println("Input and output of a run: its job parameters; failed episodes: the 'failed' command.");
        return ExitCodes.ALL_DONE;
    }

    /**
     * Where a running execution stands: done of its entries (its workers' tallies, saved with every
     * episode, so another process sees them while it runs; the default H2 file admits one process,
     * so this needs PostgreSQL), time since it started and the time left at its pace so far. An
     * execution a killed process left running reads the same until the next run recovers it.
     */
    private String running(JobExecution execution, ExecutionTally tally) {
        int total = execution.getExecutionContext().getInt(ExecutionTally.ENTRIES, -1);
        LocalDateTime start = execution.getStartTime();
        Duration elapsed = start == null ? Duration.ZERO : Duration.between(start, LocalDateTime.now(machineClock));
        StringBuilder note = new StringBuilder(execution.getId() + ": running, " + tally.done() + "/"
                + (total < 0 ? "?" : total) + " done, elapsed " + clock(elapsed));
        if (total >= 0) {
            Duration eta = new RunProgress(
                            total,
                            tally.narrated(),
                            tally.skipped(),
                            tally.failed(),
                            tally.invalid(),
                            tally.audioMillis(),
                            null,
                            elapsed)
                    .eta();
            note.append(
                    eta == null
                            ? ", no estimate before the first episode ends"
                            : ", about " + clock(eta) + " left at the pace so far");
        }
        return note.toString();
    }

    /** For a run over several deployments: what each did and, when it was not up at the end, why. */
    private java.util.Optional<String> deploymentsNote(long executionId) {
        List<ExecutionDeployments.DeploymentUse> uses = deployments.of(executionId);
        if (uses.size() < 2 && uses.stream().allMatch(use -> use.state() == null)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(executionId + ": "
                + String.join(
                        "; ",
                        uses.stream()
                                .map(use -> use.deployment() + " " + use.episodes() + " episodes, " + use.succeeded()
                                        + " segments, "
                                        + use.failed() + " failed"
                                        + (use.state() == null || "UP".equals(use.state())
                                                ? ""
                                                : ", " + use.state().toLowerCase(java.util.Locale.ROOT)
                                                        + (use.note() == null
                                                                ? ""
                                                                : " (" + SafeText.oneLine(use.note()) + ")")))
                                .toList()));
    }

    private List<JobExecution> recent(int limit) {
        List<JobExecution> executions = new ArrayList<>();
        // Instances come newest first; each holds one or more executions (restarts).
        for (JobInstance instance : jobRepository.getJobInstances(NarrateJobConfiguration.JOB_NAME, 0, limit)) {
            executions.addAll(jobRepository.getJobExecutions(instance));
        }
        return executions.stream()
                .sorted(Comparator.comparingLong(JobExecution::getId).reversed())
                .limit(limit)
                .toList();
    }

    private static String status(JobExecution execution) {
        return RunSummary.LIMIT_REACHED.equals(execution.getExitStatus().getExitCode())
                ? "STOPPED*"
                : execution.getStatus().name();
    }

    private static int limit(ApplicationArguments args) {
        List<String> values = args.getOptionValues("limit");
        if (values == null || values.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(values.get(values.size() - 1).strip());
            if (limit >= 1 && limit <= 1000) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--limit must be a whole number from 1 to 1000; was '" + values.get(0) + "'");
    }

    private static String wall(@Nullable LocalDateTime start, @Nullable LocalDateTime end) {
        if (start == null) {
            return "-";
        }
        if (end == null) {
            return "running";
        }
        return clock(Duration.between(start, end));
    }

    private static String clock(Duration duration) {
        long s = Math.max(0, duration.toSeconds());
        return s >= 3600
                ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }

    private static String minutes(long millis) {
        return String.format("%d:%02d", millis / 60_000, millis / 1000 % 60);
    }
}
