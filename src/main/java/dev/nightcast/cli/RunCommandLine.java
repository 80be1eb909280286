package dev.nightcast.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;

import dev.nightcast.job.RunParams;

/**
 * The command line that repeats a run, rebuilt from its execution's job parameters: its params
 * file and every key it was given on the command line, with the value the run used. So a rerun
 * narrates with the gateway, voice, output… of the run it repeats, not with what the params file
 * alone says.
 *
 * @param paramsFile the run's params file, or {@code FILE} when unknown (executions from before it
 *     was recorded, runs started without one)
 * @param overrides {@code --key=value} arguments, values quoted for a POSIX shell where needed
 * @param notRepeated keys the run was given that a rerun does not take over ({@code max-cost},
 *     {@code finish-by}: they belong to one invocation)
 */
record RunCommandLine(String paramsFile, List<String> overrides, List<String> notRepeated) {

    static final String UNKNOWN_FILE = "FILE";

    static RunCommandLine of(JobParameters parameters, @Nullable Path fallbackFile) {
        RunParams.Origin origin = RunParams.from(parameters).origin();
        Path file = origin.paramsFile() != null ? origin.paramsFile() : fallbackFile;
        List<String> overrides = new ArrayList<>();
        List<String> notRepeated = new ArrayList<>();
        for (String key : origin.overridden()) {
            JobParameter<?> parameter = parameters.getParameter(key);
            if (RunParams.ONLY_FAILED.equals(key)) {
                continue;
            }
            if (RunParams.LIMITS.contains(key) || parameter == null) {
                notRepeated.add(key);
            } else {
                overrides.add("--" + key + "=" + quoted(String.valueOf(parameter.value())));
            }
        }
        return new RunCommandLine(file == null ? UNKNOWN_FILE : quoted(file.toString()), overrides, notRepeated);
    }

    /** {@code java -jar nightcast.jar narrate --params=FILE --key=value … [--only-failed=true]}. */
    String render(boolean onlyFailed) {
        StringBuilder command = new StringBuilder("java -jar nightcast.jar narrate --params=").append(paramsFile);
        overrides.forEach(override -> command.append(' ').append(override));
        if (onlyFailed) {
            command.append(" --").append(RunParams.ONLY_FAILED).append("=true");
        }
        if (UNKNOWN_FILE.equals(paramsFile)) {
            command.append("   (FILE: the params file whose input holds them)");
        }
        if (!notRepeated.isEmpty()) {
            command.append("   (the run was also given --")
                    .append(String.join(", --", notRepeated))
                    .append("; add again as wanted)");
        }
        return command.toString();
    }

    static String quoted(String value) {
        return value.matches("[\\w./:@%+,=-]+") ? value : "'" + value.replace("'", "'\\''") + "'";
    }
}
