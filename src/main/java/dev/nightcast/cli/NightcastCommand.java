package dev.nightcast.cli;

import org.springframework.boot.ApplicationArguments;

/**
 * One sub-command of {@code java -jar nightcast.jar COMMAND ...}. Each is a Spring bean; the
 * {@link CommandLine} picks it by {@link #name()}.
 */
public interface NightcastCommand {

    /** The word typed on the command line, e.g. {@code narrate}. */
    String name();

    /** One line for the usage text. */
    String synopsis();

    /**
     * Runs the command and returns the process exit code (see {@link ExitCodes}). Throw
     * {@link dev.nightcast.job.UsageException} for bad usage; any other exception ends the process with code 1.
     */
    int run(ApplicationArguments args) throws Exception;
}
