package dev.nightcast.cli;

import java.util.List;

/**
 * {@code help}, {@code --help} or {@code -h}: the usage on standard output and exit code 0, before
 * Spring starts (no database is opened, nothing is logged). The command lines are the ones
 * {@link CommandLine} prints under a usage error, from each command's {@code synopsis()}; a test
 * keeps the two equal.
 */
public final class Usage {

    static final String TEXT = """
            Usage: java -jar nightcast.jar [COMMAND] [--option=value ...]
              check --params=FILE [--key=value ...]     validate everything and show what a run would do; spends nothing
              failed [--params=FILE]                    what the latest run could not narrate, why, how to rerun
              narrate --params=FILE [--key=value ...]   run or continue the narrate job (the default command)
              report --params=FILE [--key=value ...]    rewrite index.html, feed.xml and the MP3s; narrates nothing
              status [--limit=N]                        recent runs and what each did, from the database
              worker [--nightcast.cluster.slots=N]      run partitions of cluster runs until SIGTERM (PostgreSQL + RabbitMQ)
              help | --help | -h                        this text
            A --key=value overrides the same key of the params file; --spring.* and --logging.* set Spring Boot
            settings (e.g. --spring.datasource.url=...). Exit codes: 0 all done, 2 some episodes failed, 1 the run
            failed or stopped (restartable), 3 stopped at max-cost or finish-by, 64 bad usage or configuration.
            """;

    private static final List<String> HELP_OPTIONS = List.of("--help", "-h");

    private Usage() {
    }

    /** True for {@code --help} or {@code -h} anywhere, or {@code help} as the command. */
    public static boolean requested(String[] args) {
        for (String arg : args) {
            if (HELP_OPTIONS.contains(arg)) {
                return true;
            }
        }
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg.equals("help");
            }
        }
        return false;
    }

    public static String text() {
        return TEXT;
    }
}
