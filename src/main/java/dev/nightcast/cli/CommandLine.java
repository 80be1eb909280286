package dev.nightcast.cli;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import dev.nightcast.input.InputException;
import dev.nightcast.job.UsageException;
import dev.nightcast.lexicon.LexiconException;
import dev.nightcast.realtime.GatewayConfigException;
import dev.nightcast.run.ExitCodes;

/**
 * {@code java -jar nightcast.jar [COMMAND] [--option=value ...]}: picks the {@link NightcastCommand}
 * (default {@code narrate}), runs it, and turns the outcome into the process exit code.
 */
@Component
@ConditionalOnProperty(name = "nightcast.command-line.enabled", matchIfMissing = true)
public class CommandLine implements ApplicationRunner, ExitCodeGenerator {

    private static final Logger log = LoggerFactory.getLogger(CommandLine.class);
    static final String MORE_HELP = "--help lists the params keys, environment variables and exit codes.";

    private final List<NightcastCommand> commands;
    private volatile int exitCode = ExitCodes.USAGE;

    public CommandLine(List<NightcastCommand> commands) {
        this.commands = commands.stream()
                .sorted(Comparator.comparing(NightcastCommand::name))
                .toList();
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            exitCode = command(args.getNonOptionArgs()).run(args);
        } catch (UsageException | InputException | GatewayConfigException | LexiconException e) {
            List<String> lines = e instanceof UsageException usage
                    ? usage.lines()
                    : e instanceof LexiconException lexicons
                            ? lexicons.problems().stream()
                                    .map(problem -> "lexicon " + problem)
                                    .toList()
                            : List.of(e.getMessage());
            // One argument per line: the log keeps each on its line, whatever input it quotes.
            log.error(
                    String.join("\n", Collections.nCopies(lines.size(), "{}")) + "\n" + usage() + "\n" + MORE_HELP,
                    lines.toArray());
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

    private NightcastCommand command(List<String> words) {
        String name = words.isEmpty() ? "narrate" : words.get(0);
        if (words.size() > 1) {
            throw new UsageException("Expected one command, got " + words);
        }
        return commands.stream()
                .filter(command -> command.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new UsageException("Unknown command '" + name + "'"));
    }

    String usage() {
        return "Usage: java -jar nightcast.jar [COMMAND] [--option=value ...]\n"
                + commands.stream().map(command -> "  " + command.synopsis()).collect(Collectors.joining("\n"));
    }
}
