package dev.nightcast.job;

import java.util.ArrayList;
import java.util.List;

/** Bad usage or configuration: the run stops before any work with exit code 64. */
public class UsageException extends RuntimeException {

    private final List<String> lines;

    public UsageException(String message) {
        super(message);
        this.lines = List.of(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
        this.lines = List.of(message);
    }

    /** A headline and one problem per line ({@code "  - problem"}). */
    public UsageException(String headline, List<String> problems) {
        super(headline + "\n  - " + String.join("\n  - ", problems));
        List<String> all = new ArrayList<>(List.of(headline));
        problems.forEach(problem -> all.add("  - " + problem));
        this.lines = List.copyOf(all);
    }

    /**
     * The message as the operator reads it, line by line. Each line is printed as one log argument
     * (kept on its line), so a file name with a line break inside a problem cannot add a line.
     */
    public List<String> lines() {
        return lines;
    }
}
