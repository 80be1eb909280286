package dev.nightcast.run;

import org.springframework.batch.core.job.JobExecution;

import dev.nightcast.report.RunSummary;

/** A finished run: its execution, what it did and the exit code the process ends with. */
public record RunResult(JobExecution execution, RunSummary summary, int exitCode) {}
