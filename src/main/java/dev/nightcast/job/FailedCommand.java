package dev.nightcast.job;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

import dev.nightcast.script.InputProperties;
import dev.nightcast.script.ScriptDefaults;
import dev.nightcast.script.ScriptEntry;
import dev.nightcast.script.ScriptLoader;
import dev.nightcast.store.FailedEpisodes;
import dev.nightcast.store.FailedEpisodes.FailedEpisode;

/**
 * {@code failed [--params=FILE]}: lists the episodes whose latest narration failed, with where they
 * come from and why, and prints the command that reruns exactly them ({@code only-failed=true}).
 * With a params file, only the failed episodes of its input are listed. Reads the database only.
 */
@Component
class FailedCommand implements NightcastCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final FailedEpisodes failedEpisodes;
    private final InputProperties input;

    @Autowired
    FailedCommand(FailedEpisodes failedEpisodes, InputProperties input) {
        this.failedEpisodes = failedEpisodes;
        this.input = input;
    }

    /** With the default input limits. */
    FailedCommand(FailedEpisodes failedEpisodes) {
        this(failedEpisodes, InputProperties.DEFAULTS);
    }

    @Override
    public String name() {
        return "failed";
    }

    @Override
    public String synopsis() {
        return "failed [--params=FILE]                    list the episodes that failed, why, and how to rerun them";
    }

    @Override
    public int run(ApplicationArguments args) {
        List<FailedEpisode> failed = failedEpisodes.list();
        List<String> elsewhere = new ArrayList<>();
        Path paramsFile = args.containsOption("params") ? NarrateCommand.paramsFile(args) : null;
        Map<String, String> overrides = NarrateCommand.overrides(args);
        if (paramsFile != null) {
            RunParams params = ParamsFile.load(paramsFile, overrides);
            Set<String> inInput = new ScriptLoader(new ScriptDefaults(params.voice(), params.instructions()), input)
                    .load(params.input()).stream().map(ScriptEntry::id).collect(Collectors.toSet());
            failed.stream().map(FailedEpisode::episodeId).filter(id -> !inInput.contains(id)).forEach(elsewhere::add);
            failed = failed.stream().filter(episode -> inInput.contains(episode.episodeId())).toList();
        }
        System.out.print(render(failed, elsewhere, paramsFile, overrides));
        return ExitCodes.ALL_DONE;
    }

    static String render(List<FailedEpisode> failed, List<String> elsewhere, Path paramsFile,
            Map<String, String> overrides) {
        StringBuilder text = new StringBuilder();
        if (failed.isEmpty()) {
            text.append("No failed episodes").append(paramsFile == null ? "" : " in the input of " + paramsFile)
                    .append(".\n");
        } else {
            text.append(failed.size()).append(" failed episode(s), oldest failure first:\n");
            for (FailedEpisode episode : failed) {
                text.append(String.format("  %s  (%s)  failed %s in execution %d after %d attempt(s)%n",
                        episode.episodeId(), episode.source(),
                        episode.failedAt() == null ? "at an unknown time" : TIME.format(episode.failedAt()),
                        episode.jobExecutionId(), episode.attempts()));
                text.append(String.format("      %s: %s%n", episode.failureKind(), episode.reason()));
            }
        }
        if (!elsewhere.isEmpty()) {
            text.append(elsewhere.size()).append(" more failed episode(s) are not in this input: ")
                    .append(String.join(", ", elsewhere)).append('\n');
        }
        if (!failed.isEmpty()) {
            text.append("\nRerun them, and nothing else:\n  ").append(rerunCommand(paramsFile, overrides))
                    .append('\n');
        }
        return text.toString();
    }

    private static String rerunCommand(Path paramsFile, Map<String, String> overrides) {
        StringBuilder command = new StringBuilder("java -jar nightcast.jar narrate --params=")
                .append(paramsFile == null ? "FILE" : quoted(paramsFile.toString()));
        overrides.forEach((key, value) -> {
            if (!RunParams.ONLY_FAILED.equals(key)) {
                command.append(" --").append(key).append('=').append(quoted(value));
            }
        });
        command.append(" --").append(RunParams.ONLY_FAILED).append("=true");
        if (paramsFile == null) {
            command.append("   (FILE: the params file whose input holds them)");
        }
        return command.toString();
    }

    private static String quoted(String value) {
        return value.matches("[\\w./:@%+,=-]+") ? value : "'" + value.replace("'", "'\\''") + "'";
    }
}
