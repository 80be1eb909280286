package dev.nightcast.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Builds the {@link RunSummary} of a job execution and renders it for the console.
 *
 * <p>A job listener that knows why a run stopped says so with an exit status of its own code (such
 * as {@code GATEWAY_OUTAGE}); its description is written for the operator and shown as the stop
 * reason. Spring Batch's own exit descriptions hold stack traces and are left to the log.
 */
@Component
public class RunReport {

    private static final Set<String> BATCH_EXIT_CODES = Set.of(ExitStatus.COMPLETED.getExitCode(),
            ExitStatus.FAILED.getExitCode(), ExitStatus.STOPPED.getExitCode(), ExitStatus.UNKNOWN.getExitCode(),
            ExitStatus.EXECUTING.getExitCode(), ExitStatus.NOOP.getExitCode());

    private final JdbcClient jdbc;

    public RunReport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public RunSummary summarize(JobExecution execution) {
        long id = execution.getId();
        long skipped = execution.getStepExecutions().stream()
                .filter(step -> step.getStepName().contains(":"))
                .mapToLong(StepExecution::getFilterCount)
                .sum();
        long narrated = count("SELECT COUNT(*) FROM episode WHERE status = 'DONE' AND job_execution_id = :id", id);
        long failed = count("SELECT COUNT(*) FROM episode WHERE status = 'FAILED' AND job_execution_id = :id", id);
        long invalid = count("SELECT COUNT(*) FROM input_problem WHERE job_execution_id = :id", id);
        long audioMillis = count("""
                SELECT COALESCE(SUM(duration_ms), 0) FROM episode WHERE status = 'DONE' AND job_execution_id = :id""",
                id);
        long outputTokens = count("""
                SELECT COALESCE(SUM(output_tokens), 0) FROM episode WHERE status = 'DONE' AND job_execution_id = :id""",
                id);
        List<String> failures = new ArrayList<>();
        failures.addAll(jdbc.sql("""
                SELECT episode_id, source, failure_reason FROM episode
                WHERE status = 'FAILED' AND job_execution_id = :id ORDER BY episode_id""")
                .param("id", id)
                .query((rs, row) -> rs.getString(1) + " (" + rs.getString(2) + "): " + rs.getString(3))
                .list());
        failures.addAll(jdbc.sql("""
                SELECT episode_id, source, reason FROM input_problem WHERE job_execution_id = :id ORDER BY problem_id""")
                .param("id", id)
                .query((rs, row) -> displayId(rs.getString(1)) + " (" + rs.getString(2) + "): " + rs.getString(3))
                .list());
        return new RunSummary(id, execution.getStatus().name(), narrated, skipped, failed, invalid, audioMillis,
                outputTokens, failures, stopReason(execution.getExitStatus()));
    }

    private static String stopReason(ExitStatus exit) {
        String description = exit.getExitDescription();
        return BATCH_EXIT_CODES.contains(exit.getExitCode()) || description == null || description.isBlank() ? null
                : description;
    }

    public String render(RunSummary summary) {
        StringBuilder text = new StringBuilder();
        text.append(String.format("Run %d %s%n", summary.jobExecutionId(), summary.status()));
        if (summary.stopReason() != null) {
            text.append("  stopped: ").append(summary.stopReason().replace("\n", System.lineSeparator()))
                    .append(System.lineSeparator());
        }
        text.append(String.format("  narrated  %6d   (%s of audio, %d output tokens)%n", summary.narrated(),
                minutes(summary.audioMillis()), summary.outputTokens()));
        text.append(String.format("  skipped   %6d   (already narrated, same script and settings)%n",
                summary.skipped()));
        text.append(String.format("  failed    %6d%n", summary.failed()));
        text.append(String.format("  invalid   %6d   (input rows or files that could not be read)%n",
                summary.invalid()));
        for (String failure : summary.failures()) {
            text.append("  ! ").append(failure).append(System.lineSeparator());
        }
        return text.toString();
    }

    private long count(String sql, long id) {
        return jdbc.sql(sql).param("id", id).query(Long.class).single();
    }

    private static String displayId(String id) {
        return id == null || id.isBlank() ? "(no id)" : id;
    }

    private static String minutes(long millis) {
        return String.format("%d:%02d min", millis / 60_000, millis / 1000 % 60);
    }
}
