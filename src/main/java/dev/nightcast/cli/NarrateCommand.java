package dev.nightcast.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

import dev.nightcast.job.GracefulStop;
import dev.nightcast.job.RunParams;
import dev.nightcast.job.UsageException;
import dev.nightcast.report.RunReport;
import dev.nightcast.run.ExitCodes;
import dev.nightcast.run.NarrateLauncher;
import dev.nightcast.run.Preflight;
import dev.nightcast.run.RunLock;
import dev.nightcast.run.RunResult;
import dev.nightcast.run.StopSignals;

/**
 * {@code narrate --params=FILE [--key=value ...]}: runs (or continues) the narrate job.
 *
 * <p>Options with a dot ({@code --spring.datasource.url=…}, {@code --logging.level.x=…}) are Spring
 * Boot settings; every other option overrides a key of the params file, and an unknown one is a
 * usage error.
 */
@Component
public class NarrateCommand implements NightcastCommand {

    private static final Logger log = LoggerFactory.getLogger(NarrateCommand.class);

    private final Preflight preflight;
    private final NarrateLauncher launcher;
    private final RunReport report;
    private final GracefulStop gracefulStop;

    public NarrateCommand(Preflight preflight, NarrateLauncher launcher, RunReport report, GracefulStop gracefulStop) {
        this.preflight = preflight;
        this.launcher = launcher;
        this.report = report;
        this.gracefulStop = gracefulStop;
    }

    @Override
    public String name() {
        return "narrate";
    }

    @Override
    public String synopsis() {
        return "narrate --params=FILE [--key=value ...]   run or continue the narrate job (the default command)";
    }

    @Override
    public int run(ApplicationArguments args) throws Exception {
        // Every configuration problem is reported here, at once, before anything is spent.
        Preflight.Plan plan = preflight.check(ParamsFile.values(paramsFile(args), overrides(args)));
        RunParams params = plan.params().withOrigin(RunParams.Origin.of(paramsFile(args), overrides(args)));
        plan.warnings().forEach(warning -> log.warn("Feed: {}", warning));
        RunResult result;
        try (StopSignals signals = StopSignals.install(gracefulStop)) {
            // The input preflight read is the one the run works on: it is read once per invocation.
            result = launcher.launch(params, plan.entries());
        } catch (RunLock.RunLockedException e) {
            log.error(e.getMessage());
            return ExitCodes.JOB_FAILED;
        }
        // The summary goes to standard output, where cron mails and CI logs pick it up.
        System.out.print(report.render(result.summary()));
        System.out.printf(
                "  review    %s%n  feed      %s%n  summary   %s%n",
                params.output().resolve("index.html"),
                params.output().resolve("feed.xml"),
                params.output().resolve("runs").resolve(result.execution().getId() + ".json"));
        log.info("Run finished with exit code {}", result.exitCode());
        return result.exitCode();
    }

    static Path paramsFile(ApplicationArguments args) {
        List<String> values = args.getOptionValues("params");
        if (values == null || values.isEmpty()) {
            throw new UsageException("--params=FILE is required");
        }
        return Path.of(values.get(values.size() - 1));
    }

    static Map<String, String> overrides(ApplicationArguments args) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String name : args.getOptionNames()) {
            if ("params".equals(name) || name.contains(".") || "debug".equals(name) || "trace".equals(name)) {
                continue;
            }
            List<String> values = Objects.requireNonNullElse(args.getOptionValues(name), List.of());
            overrides.put(name, values.isEmpty() ? "" : values.get(values.size() - 1));
        }
        return overrides;
    }
}
