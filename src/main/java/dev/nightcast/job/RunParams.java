package dev.nightcast.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import dev.nightcast.realtime.Voices;

/**
 * The per-run choices from the params file (after command-line overrides), validated.
 *
 * <p>Identifying job parameters are what makes "the same run": input, output, gateway, voice and
 * instructions. Concurrency and attempts only tune how the work is done, so changing them between a
 * failed run and its restart still continues the same run. No secret is ever a job parameter:
 * Spring Batch stores them in {@code BATCH_JOB_EXECUTION_PARAMS}.
 */
public record RunParams(String input, Path output, String gateway, String voice, String instructions,
        int concurrency, int maxAttempts, int maxRequestsPerMinute) {

    public static final String INPUT = "input";
    public static final String OUTPUT = "output";
    public static final String GATEWAY = "gateway";
    public static final String VOICE = "voice";
    public static final String INSTRUCTIONS = "instructions";
    public static final String CONCURRENCY = "concurrency";
    public static final String MAX_ATTEMPTS = "max-attempts";
    /** Optional cap on gateway starts (connections and responses) per minute; 0 when absent: no cap. */
    public static final String MAX_REQUESTS_PER_MINUTE = "max-requests-per-minute";
    public static final String RUN_ID = "run.id";

    /** Every key a params file may hold, in the order the README documents them. */
    public static final Set<String> KEYS = Set.of(INPUT, OUTPUT, GATEWAY, VOICE, INSTRUCTIONS, CONCURRENCY,
            MAX_ATTEMPTS, MAX_REQUESTS_PER_MINUTE);

    static final Set<String> GATEWAYS = Set.of("azure", "openai", "simulator");
    private static final int MAX_INSTRUCTIONS = 2000;

    /**
     * Validates raw key/value pairs and reports every problem at once, naming the key and the
     * expected form.
     */
    static RunParams from(Map<String, String> values) {
        List<String> problems = new ArrayList<>();
        Map<String, String> v = new LinkedHashMap<>(values);
        v.keySet().stream().filter(key -> !KEYS.contains(key)).sorted().forEach(key -> problems.add(
                "unknown key '" + key + "' (known keys: input, output, gateway, voice, instructions, concurrency, "
                        + "max-attempts, max-requests-per-minute)"));
        String input = trimmed(v.get(INPUT));
        if (input == null) {
            problems.add("'input' is required: a CSV file, a markdown file, a folder or a glob");
        }
        String output = trimmed(v.getOrDefault(OUTPUT, "output"));
        String gateway = trimmed(v.getOrDefault(GATEWAY, "azure"));
        if (!GATEWAYS.contains(gateway)) {
            problems.add("'gateway' must be one of azure, openai, simulator; was '" + gateway + "'");
        }
        String voice = trimmed(v.getOrDefault(VOICE, "alloy"));
        if (!Voices.isKnown(voice)) {
            problems.add("'voice' must be one of " + String.join(", ", Voices.KNOWN.stream().sorted().toList())
                    + "; was '" + voice + "'");
        }
        String instructions = v.getOrDefault(INSTRUCTIONS, "").strip();
        if (instructions.length() > MAX_INSTRUCTIONS) {
            problems.add("'instructions' is longer than " + MAX_INSTRUCTIONS + " characters");
        }
        int concurrency = positiveInt(v, CONCURRENCY, 4, 64, problems);
        int maxAttempts = positiveInt(v, MAX_ATTEMPTS, 4, 20, problems);
        int maxRequestsPerMinute = positiveInt(v, MAX_REQUESTS_PER_MINUTE, 0, 100_000, problems);
        if (!problems.isEmpty()) {
            throw new UsageException("Invalid params:\n  - " + String.join("\n  - ", problems));
        }
        return new RunParams(input, Path.of(output).toAbsolutePath().normalize(), gateway, voice, instructions,
                concurrency, maxAttempts, maxRequestsPerMinute);
    }

    /** The job parameters of a new run with the given run id. */
    JobParameters toJobParameters(long runId) {
        return new JobParametersBuilder(identifying())
                .addLong(RUN_ID, runId)
                .toJobParameters();
    }

    /** The parameters that say whether an earlier execution was the same run. */
    JobParameters identifying() {
        return new JobParametersBuilder()
                .addString(INPUT, input)
                .addString(OUTPUT, output.toString())
                .addString(GATEWAY, gateway)
                .addString(VOICE, voice)
                .addString(INSTRUCTIONS, instructions)
                .addLong(CONCURRENCY, (long) concurrency, false)
                .addLong(MAX_ATTEMPTS, (long) maxAttempts, false)
                .addLong(MAX_REQUESTS_PER_MINUTE, (long) maxRequestsPerMinute, false)
                .toJobParameters();
    }

    private static int positiveInt(Map<String, String> values, String key, int fallback, int max,
            List<String> problems) {
        String raw = trimmed(values.get(key));
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("'" + key + "' must be a whole number from 1 to " + max + "; was '" + raw + "'");
        return fallback;
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
