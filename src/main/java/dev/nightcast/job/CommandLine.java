package dev.nightcast.job;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import dev.nightcast.realtime.GatewayConfigException;
import dev.nightcast.report.RunReport;
import dev.nightcast.script.InputException;

/**
 * {@code java -jar nightcast.jar [narrate] --params=FILE [--key=value ...]}.
 *
 * <p>Options with a dot ({@code --spring.datasource.url=…}, {@code --logging.level.x=…},
 * {@code --nightcast.gateway.…}) are Spring Boot settings; every other option overrides a key of the
 * params file, and an unknown one is a usage error. The outcome becomes the process exit code.
 */
@Component
@ConditionalOnProperty(name = "nightcast.command-line.enabled", matchIfMissing = true)
class CommandLine implements ApplicationRunner, ExitCodeGenerator {

    private static final Logger log = LoggerFactory.getLogger(CommandLine.class);
    static final String USAGE = """
            Usage: java -jar nightcast.jar [narrate] --params=FILE [--key=value ...]
              keys: input, output, gateway (azure|openai|simulator), voice, instructions, concurrency, max-attempts""";

    private final NarrateLauncher launcher;
    private final RunReport report;
    private volatile int exitCode = ExitCodes.USAGE;

    CommandLine(NarrateLauncher launcher, RunReport report) {
        this.launcher = launcher;
        this.report = report;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            exitCode = execute(args);
        } catch (UsageException | InputException | GatewayConfigException e) {
            log.error("{}", e.getMessage());
            exitCode = ExitCodes.USAGE;
        } catch (Exception e) {
            log.error("Nightcast failed: {}", e.getMessage(), e);
            exitCode = ExitCodes.JOB_FAILED;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    private int execute(ApplicationArguments args) throws Exception {
        List<String> commands = args.getNonOptionArgs();
        if (commands.size() > 1 || (commands.size() == 1 && !"narrate".equals(commands.get(0)))) {
            throw new UsageException("Unknown command " + commands + "\n" + USAGE);
        }
        RunResult result = launcher.launch(ParamsFile.load(paramsFile(args), overrides(args)));
        // The summary goes to standard output, where cron mails and CI logs pick it up.
        System.out.print(report.render(result.summary()));
        log.info("Run finished with exit code {}", result.exitCode());
        return result.exitCode();
    }

    private static Path paramsFile(ApplicationArguments args) {
        List<String> values = args.getOptionValues("params");
        if (values == null || values.isEmpty()) {
            throw new UsageException("--params=FILE is required\n" + USAGE);
        }
        return Path.of(values.get(values.size() - 1));
    }

    private static Map<String, String> overrides(ApplicationArguments args) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String name : args.getOptionNames()) {
            if ("params".equals(name) || name.contains(".") || "debug".equals(name) || "trace".equals(name)) {
                continue;
            }
            List<String> values = args.getOptionValues(name);
            overrides.put(name, values.isEmpty() ? "" : values.get(values.size() - 1));
        }
        return overrides;
    }
}
