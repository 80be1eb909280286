package dev.nightcast.cli;

import java.io.PrintStream;
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
import dev.nightcast.report.ExecutionTally;
import dev.nightcast.report.RunSummary;
import dev.nightcast.run.ExitCodes;

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

    StatusCommand(JobRepository jobRepository, PriceTable prices) {
        this.jobRepository = jobRepository;
        this.prices = prices;
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
        out().printf("%-6s %-16s %8s  %-10s %8s %7s %6s %7s %9s %9s %9s %9s%n", "exec", "started", "wall", "status",
                "narrated", "skipped", "failed", "invalid", "audio", "cost", "max-cost", "finish-by");
        List<String> notes = new ArrayList<>();
        for (JobExecution execution : executions) {
            ExecutionTally tally = ExecutionTally.sum(execution.getStepExecutions());
            String cost = tally.model() == null ? "-" : prices.cost(tally.model(), tally.tokens()).dollars();
            RunLimits limits = RunParams.from(execution.getJobParameters()).limits();
            out().printf("%-6d %-16s %8s  %-10s %8d %7d %6d %7d %9s %9s %9s %9s%n", execution.getId(),
                    execution.getStartTime() == null ? "-" : WHEN.format(execution.getStartTime()),
                    wall(execution.getStartTime(), execution.getEndTime()), status(execution), tally.narrated(),
                    tally.skipped(), tally.failed(), tally.invalid(), minutes(tally.audioMillis()), cost,
                    limits.maxCost() == null ? "-" : Cost.format(limits.maxCost()),
                    limits.finishBy() == null ? "-" : limits.finishBy());
            if (RunSummary.LIMIT_REACHED.equals(execution.getExitStatus().getExitCode())) {
                notes.add(execution.getId() + ": " + execution.getExitStatus().getExitDescription()
                        + "; the next run continues");
            }
        }
        notes.forEach(note -> out().println("  " + note));
        out().println("Input and output of a run: its job parameters; failed episodes: the 'failed' command.");
        return ExitCodes.ALL_DONE;
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
        return RunSummary.LIMIT_REACHED.equals(execution.getExitStatus().getExitCode()) ? "STOPPED*"
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
        long s = Duration.between(start, end).toSeconds();
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }

    private static String minutes(long millis) {
        return String.format("%d:%02d", millis / 60_000, millis / 1000 % 60);
    }
}
