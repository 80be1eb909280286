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

            Params file keys (key=value, UTF-8); --key=value on the command line overrides the file's:
              input (required)   a CSV file, a markdown file, a folder, or a glob such as scripts/**/*.md
              output             folder for the audio, transcripts, index.html and feed.xml (default output)
              gateway            azure (default), openai or simulator
              voice              default voice (alloy); instructions: default tone; speed: 0.25-1.5 (1.0)
              concurrency        narrations in flight at once, 1-64 (4)
              max-attempts       gateway attempts per segment before an episode fails, 1-20 (4)
              max-requests-per-minute   cap on gateway starts per minute (none)
              max-cost           USD this invocation may spend, e.g. 12.50 (none)
              finish-by          HH:MM after which no episode starts, this machine's time zone (none)
              only-failed        true: narrate only the episodes whose latest narration failed (false)
              lexicon            pronunciation lexicons, PLS or written,spoken CSV, comma-separated (none)
              model-version      the model snapshot the gateway must serve; another stops the run, exit 64 (any)
            --spring.* and --logging.* set Spring Boot settings (e.g. --spring.datasource.url=...,
            --logging.level.dev.nightcast=DEBUG); any nightcast.* setting also comes from the environment.

            Environment:
              AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_DEPLOYMENT_NAME, AZURE_OPENAI_API_KEY (none: Entra ID)
              OPENAI_API_KEY                            for gateway=openai
              NIGHTCAST_GATEWAY_DEPLOYMENTS_<N>_ENDPOINT, _DEPLOYMENT, _API_KEY, _MAX_SESSIONS, _WEIGHT
                                                        several deployments of the model in one run
              SPRING_RABBITMQ_HOST, _PORT, _USERNAME, _PASSWORD   the broker of cluster mode (worker, manager)
              SPRING_DATASOURCE_URL, _USERNAME, _PASSWORD   the job database (default: an H2 file under data/)
              NIGHTCAST_FEED_BASE_URL, NIGHTCAST_FEED_*, NIGHTCAST_PODCAST_MP3_*   the feed and the MP3s
              MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ENABLED=true and _ADDRESS=host:9091
                                                        push the run's metrics to a Prometheus Pushgateway

            Output: the report (progress lines, the summary, what check, status and failed print) on
            standard output; the log, with dates, on standard error; so 2>/dev/null leaves the report.

            Exit codes: 0 all done; 2 the run completed, some episodes failed; 1 the run failed or stopped
            (outage, crash, SIGTERM) or another run was in progress, run it again to continue; 3 stopped at
            max-cost or finish-by, the next run continues; 64 bad usage or configuration.
            README.md lists every key, setting and variable ("Params file keys", "Environment variables",
            "Exit codes", "Watching from outside").
            """;

    private static final List<String> HELP_OPTIONS = List.of("--help", "-h");

    private Usage() {}

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
