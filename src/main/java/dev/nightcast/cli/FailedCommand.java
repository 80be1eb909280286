package dev.nightcast.cli;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

import dev.nightcast.input.InputProperties;
import dev.nightcast.job.NarrateJobConfiguration;
import dev.nightcast.job.RunParams;
import dev.nightcast.run.ExitCodes;
import dev.nightcast.script.ScriptEntry;
import dev.nightcast.store.FailedEpisodes;
import dev.nightcast.store.FailedEpisodes.FailedEpisode;
import dev.nightcast.store.InputProblemRepository;
import dev.nightcast.store.InputProblemRepository.InputProblem;
import dev.nightcast.text.SafeText;

/**
 * {@code failed [--params=FILE]}: lists what the latest run could not narrate, and how to rerun it.
 *
 * <p>The episodes whose latest narration failed, with where they come from and why, and the input
 * entries the latest run found invalid (file:line and reason, from {@code input_problem}). Then
 * the command that reruns exactly the failed episodes ({@code only-failed=true}), or, when only
 * invalid entries are left, the command to run once they are fixed: the latest run's own command
 * line ({@link RunCommandLine}), so the overrides it was given are kept. With a params file, only
 * the failed episodes of its input are listed, and the latest run is the latest of that input.
 * Reads the database only.
 */
@Component
public class FailedCommand implements NightcastCommand {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    /** How many of the newest job instances are searched for the latest run. */
    private static final int INSTANCES_SEARCHED = 200;

    private final FailedEpisodes failedEpisodes;
    private final InputProblemRepository inputProblems;
    private final JobRepository jobRepository;
    private final InputProperties inputLimits;

    FailedCommand(
            FailedEpisodes failedEpisodes,
            InputProblemRepository inputProblems,
            JobRepository jobRepository,
            InputProperties inputLimits) {
        this.failedEpisodes = failedEpisodes;
        this.inputProblems = inputProblems;
        this.jobRepository = jobRepository;
        this.inputLimits = inputLimits;
    }

    @Override
    public String name() {
        return "failed";
    }

    @Override
    public String synopsis() {
        return "failed [--params=FILE]                    what the latest run could not narrate, why, how to rerun";
    }

    @Override
    public int run(ApplicationArguments args) {
        List<FailedEpisode> failed = failedEpisodes.list();
        List<String> elsewhere = new ArrayList<>();
        Path paramsFile = args.containsOption("params") ? NarrateCommand.paramsFile(args) : null;
        Map<String, String> overrides = NarrateCommand.overrides(args);
        String input = null;
        if (paramsFile != null) {
            RunParams params = ParamsFile.load(paramsFile, overrides);
            input = params.input();
            Set<String> inInput = params.scriptLoader(inputLimits).load(params.input()).stream()
                    .map(ScriptEntry::id)
                    .collect(Collectors.toSet());
            failed.stream()
                    .map(FailedEpisode::episodeId)
                    .filter(id -> !inInput.contains(id))
                    .forEach(elsewhere::add);
            failed = failed.stream()
                    .filter(episode -> inInput.contains(episode.episodeId()))
                    .toList();
        }
        Optional<JobExecution> latest = latestRun(input);
        List<InputProblem> invalid =
                latest.map(run -> inputProblems.list(run.getId())).orElse(List.of());
        RunCommandLine command = latest.map(run -> RunCommandLine.of(run.getJobParameters(), paramsFile))
                .orElseGet(() -> new RunCommandLine(
                        paramsFile == null ? RunCommandLine.UNKNOWN_FILE : RunCommandLine.quoted(paramsFile.toString()),
                        overrides.entrySet().stream()
                                .filter(entry -> !RunParams.ONLY_FAILED.equals(entry.getKey()))
                                .map(entry -> "--" + entry.getKey() + "=" + RunCommandLine.quoted(entry.getValue()))
                                .toList(),
                        List.of()));
        System.out.print(render(
                failed, elsewhere, paramsFile, latest.map(JobExecution::getId).orElse(null), invalid, command));
        return ExitCodes.ALL_DONE;
    }

    /** The newest execution of the narrate job, of {@code input} when given. */
    private Optional<JobExecution> latestRun(@Nullable String input) {
        return jobRepository.getJobInstances(NarrateJobConfiguration.JOB_NAME, 0, INSTANCES_SEARCHED).stream()
                .flatMap(instance -> jobRepository.getJobExecutions(instance).stream())
                .filter(execution -> input == null
                        || input.equals(
                                RunParams.from(execution.getJobParameters()).input()))
                .max(Comparator.comparingLong(JobExecution::getId));
    }

    static String render(
            List<FailedEpisode> failed,
            List<String> elsewhere,
            @Nullable Path paramsFile,
            @Nullable Long latestRun,
            List<InputProblem> invalid,
            RunCommandLine command) {
        StringBuilder text = new StringBuilder();
        if (failed.isEmpty()) {
            text.append("No failed episodes")
                    .append(paramsFile == null ? "" : " in the input of " + paramsFile)
                    .append(".\n");
        } else {
            text.append(failed.size()).append(" failed episode(s), oldest failure first:\n");
            for (FailedEpisode episode : failed) {
                text.append(String.format(
                        "  %s  (%s)  failed %s in execution %d after %d attempt(s)%n",
                        episode.episodeId(),
                        SafeText.oneLine(episode.source()),
                        episode.failedAt() == null ? "at an unknown time" : TIME.format(episode.failedAt()),
                        episode.jobExecutionId(),
                        episode.attempts()));
                text.append(String.format(
                        "      %s: %s%n", episode.failureKind(), SafeText.oneLine(String.valueOf(episode.reason()))));
            }
        }
        if (!elsewhere.isEmpty()) {
            text.append(elsewhere.size())
                    .append(" more failed episode(s) are not in this input: ")
                    .append(String.join(", ", elsewhere))
                    .append('\n');
        }
        if (!invalid.isEmpty()) {
            text.append(invalid.size())
                    .append(invalid.size() == 1 ? " invalid input entry" : " invalid input entries")
                    .append(" in the latest run (execution ")
                    .append(latestRun)
                    .append("); fix them in the input:\n");
            for (InputProblem problem : invalid) {
                text.append(String.format(
                        "  %s  (%s)  %s%n",
                        problem.episodeId() == null || problem.episodeId().isBlank()
                                ? "(no id)"
                                : SafeText.oneLine(problem.episodeId()),
                        SafeText.oneLine(problem.source()),
                        SafeText.oneLine(problem.reason())));
            }
        }
        if (!failed.isEmpty()) {
            text.append("\nRerun them, and nothing else:\n  ")
                    .append(command.render(true))
                    .append('\n');
        } else if (!invalid.isEmpty()) {
            text.append("\nOnce they are fixed, run it again:\n  ")
                    .append(command.render(false))
                    .append('\n');
        }
        return text.toString();
    }
}
