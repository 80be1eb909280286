package dev.nightcast.job;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import dev.nightcast.budget.RunLimits;
import dev.nightcast.input.InputProperties;
import dev.nightcast.realtime.Voices;
import dev.nightcast.script.EpisodeScript;
import dev.nightcast.script.ScriptDefaults;
import dev.nightcast.script.ScriptLoader;

/**
 * The per-run choices from the params file (after command-line overrides), validated.
 *
 * <p>Identifying job parameters are what makes "the same run": input, output, gateway, voice,
 * instructions and speed. Concurrency and attempts only tune how the work is done, so changing them
 * between a failed run and its restart still continues the same run. The {@link RunLimits}
 * ({@code max-cost}, {@code finish-by}) are non-identifying too: they bound one invocation, and a
 * restart is launched with the parameters of the invocation that restarts it, so tonight's budget
 * is never last night's. No secret is ever a job parameter: Spring Batch stores them in
 * {@code BATCH_JOB_EXECUTION_PARAMS}. Two more non-identifying ones say where the params came from
 * ({@link Origin}: the params file, the keys overridden on the command line), so that {@code failed}
 * can repeat a run's command line.
 *
 * <p>This record is the only translation between the params file, the job parameters
 * ({@link #toJobParameters}, {@link #from(JobParameters)}) and the beans that use them.
 *
 * @param speed default speaking speed of episodes that set none, 0.25 to 1.5
 * @param origin the params file and the keys the command line overrode, when known
 * @param lexicons the run's lexicon files, as written (relative to the working directory); non-identifying:
 *     what a lexicon changes is in each episode's fingerprint, so adding one to a failed run continues it
 * @param modelVersion the model snapshot the gateway must serve, or {@code null} for any; non-identifying
 */
public record RunParams(
        @Nullable String input,
        Path output,
        String gateway,
        String voice,
        String instructions,
        int concurrency,
        int maxAttempts,
        double speed,
        RunLimits limits,
        boolean onlyFailed,
        int maxRequestsPerMinute,
        Origin origin,
        List<Path> lexicons,
        @Nullable String modelVersion) {

    public RunParams {
        lexicons = lexicons == null ? List.of() : List.copyOf(lexicons);
    }

    public static final String INPUT = "input";
    public static final String OUTPUT = "output";
    public static final String GATEWAY = "gateway";
    public static final String VOICE = "voice";
    public static final String INSTRUCTIONS = "instructions";
    public static final String CONCURRENCY = "concurrency";
    public static final String MAX_ATTEMPTS = "max-attempts";
    public static final String SPEED = "speed";
    public static final String MAX_COST = "max-cost";
    public static final String FINISH_BY = "finish-by";
    /** The keys of the {@link RunLimits}: tonight's budget and deadline, which a rerun does not take over. */
    public static final List<String> LIMITS = List.of(MAX_COST, FINISH_BY);
    /** Narrate only the episodes whose latest status is FAILED; a run of its own (identifying when true). */
    public static final String ONLY_FAILED = "only-failed";
    /** Optional cap on gateway starts (connections and responses) per minute; 0 when absent: no cap. */
    public static final String MAX_REQUESTS_PER_MINUTE = "max-requests-per-minute";
    /** Pronunciation lexicons (PLS or written,spoken CSV), comma-separated; later files over earlier ones. */
    public static final String LEXICON = "lexicon";
    /** The model snapshot the gateway must report (session.created), else the run stops as misconfigured. */
    public static final String MODEL_VERSION = "model-version";

    public static final String RUN_ID = "run.id";
    /** Non-identifying: the params file of the execution, absolute, so that {@code failed} can repeat the run. */
    static final String PARAMS_FILE = "params-file";
    /** Non-identifying: the keys the command line overrode, comma-separated; their values are job parameters. */
    static final String OVERRIDES = "overrides";

    /** Every key a params file may hold, in the order the README documents them. */
    public static final List<String> KEYS = List.of(
            INPUT,
            OUTPUT,
            GATEWAY,
            VOICE,
            INSTRUCTIONS,
            SPEED,
            LEXICON,
            MODEL_VERSION,
            CONCURRENCY,
            MAX_ATTEMPTS,
            MAX_REQUESTS_PER_MINUTE,
            MAX_COST,
            FINISH_BY,
            ONLY_FAILED);

    public static final Set<String> GATEWAYS = Set.of("azure", "openai", "simulator");
    private static final int MAX_INSTRUCTIONS = 2000;
    /** Upper bound of {@code max-cost}: more than any night's narration, so surely a typo. */
    private static final BigDecimal MAX_COST_USD = new BigDecimal("100000");

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,9}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{0,9}(\\.[0-9]{1,9})?");
    private static final Pattern MODEL_VERSION_FORM = Pattern.compile("[A-Za-z0-9._:/-]{1,200}");

    /**
     * Validates raw key/value pairs and reports every problem at once, naming the key and the
     * expected form.
     */
    public static RunParams from(Map<String, String> values) {
        List<String> problems = new ArrayList<>();
        RunParams params = parse(values, problems);
        if (!problems.isEmpty()) {
            throw new UsageException("Invalid params:\n  - " + String.join("\n  - ", problems));
        }
        return params;
    }

    /**
     * Reads what it can and adds a line to {@code problems} for each bad or missing value; a bad
     * value is replaced by its default so that later checks can still look at the rest. {@code input}
     * is {@code null} when missing.
     */
    public static RunParams parse(Map<String, String> values, List<String> problems) {
        Map<String, String> v = new LinkedHashMap<>(values);
        v.keySet().stream()
                .filter(key -> !KEYS.contains(key))
                .sorted()
                .forEach(
                        key -> problems.add("unknown key '" + key + "' (known keys: " + String.join(", ", KEYS) + ")"));
        String input = trimmed(v.get(INPUT));
        if (input == null) {
            problems.add("'input' is required: a CSV file, a markdown file, a folder or a glob");
        }
        String output = Objects.requireNonNullElse(trimmed(v.get(OUTPUT)), "output");
        String gateway = trimmed(v.getOrDefault(GATEWAY, "azure"));
        if (gateway == null || !GATEWAYS.contains(gateway)) {
            problems.add("'gateway' must be one of azure, openai, simulator; was '" + gateway + "'");
        }
        String voice = trimmed(v.getOrDefault(VOICE, "alloy"));
        if (!Voices.isKnown(voice)) {
            problems.add("'voice' must be one of "
                    + String.join(", ", Voices.KNOWN.stream().sorted().toList()) + "; was '" + voice + "'");
        }
        String instructions = v.getOrDefault(INSTRUCTIONS, "").strip();
        if (instructions.length() > MAX_INSTRUCTIONS) {
            problems.add("'instructions' is longer than " + MAX_INSTRUCTIONS + " characters");
        }
        int concurrency = positiveInt(v, CONCURRENCY, 4, 64, problems);
        int maxAttempts = positiveInt(v, MAX_ATTEMPTS, 4, 20, problems);
        double speed = speed(v.get(SPEED), problems);
        RunLimits limits = new RunLimits(maxCost(v, problems), finishBy(v, problems));
        boolean onlyFailed = bool(v, ONLY_FAILED, problems);
        int maxRequestsPerMinute = positiveInt(v, MAX_REQUESTS_PER_MINUTE, 0, 100_000, problems);
        List<Path> lexicons = lexicons(v.get(LEXICON));
        String modelVersion = trimmed(v.get(MODEL_VERSION));
        if (modelVersion != null && !MODEL_VERSION_FORM.matcher(modelVersion).matches()) {
            problems.add("'" + MODEL_VERSION + "' must be a model snapshot name such as gpt-realtime-mini-2025-12-15;"
                    + " was '" + modelVersion + "'");
            modelVersion = null;
        }
        // A blank gateway or voice, reported above, stays blank: no known gateway, no voice.
        return new RunParams(
                input,
                Path.of(output).toAbsolutePath().normalize(),
                Objects.requireNonNullElse(gateway, ""),
                Objects.requireNonNullElse(voice, ""),
                instructions,
                concurrency,
                maxAttempts,
                speed,
                limits,
                onlyFailed,
                maxRequestsPerMinute,
                Origin.UNKNOWN,
                lexicons,
                modelVersion);
    }

    /**
     * Where a run's params came from. Kept with each execution as non-identifying job parameters, so
     * that {@code failed} can print the command line the run was given. Keys only: their values are
     * job parameters already, and no params key holds a secret.
     *
     * @param paramsFile absolute, or {@code null} when unknown
     * @param overridden the keys given on the command line, in the order of {@link #KEYS}
     */
    public record Origin(@Nullable Path paramsFile, List<String> overridden) {

        public static final Origin UNKNOWN = new Origin(null, List.of());

        public Origin {
            paramsFile = paramsFile == null ? null : paramsFile.toAbsolutePath().normalize();
            // The command line's options come as a set: an order of our own keeps a rerun's command stable.
            overridden = overridden.stream()
                    .sorted(Comparator.comparingInt(RunParams::keyOrder))
                    .toList();
        }

        public static Origin of(@Nullable Path paramsFile, Map<String, String> overrides) {
            return new Origin(paramsFile, List.copyOf(overrides.keySet()));
        }
    }

    private static int keyOrder(String key) {
        int index = KEYS.indexOf(key);
        return index < 0 ? KEYS.size() : index;
    }

    /** These params, as read from {@code origin}. */
    public RunParams withOrigin(Origin origin) {
        return new RunParams(
                input,
                output,
                gateway,
                voice,
                instructions,
                concurrency,
                maxAttempts,
                speed,
                limits,
                onlyFailed,
                maxRequestsPerMinute,
                origin,
                lexicons,
                modelVersion);
    }

    /**
     * The loader of this run's scripts, with the episode defaults (voice, instructions, speed) these
     * params give. The one place that turns params into defaults: {@code check} and {@code narrate}
     * must compute the same fingerprints from the same params.
     */
    public ScriptLoader scriptLoader(InputProperties limits) {
        return new ScriptLoader(new ScriptDefaults(voice, instructions, speed, lexicons), limits);
    }

    /**
     * The params a job execution ran with, as {@link #toJobParameters} stored them. Executions from
     * before a key existed get its default.
     */
    public static RunParams from(JobParameters parameters) {
        Double speed = parameters.getDouble(SPEED);
        String maxCost = parameters.getString(MAX_COST);
        String finishBy = parameters.getString(FINISH_BY);
        RunLimits limits = new RunLimits(
                maxCost == null ? null : new BigDecimal(maxCost), finishBy == null ? null : LocalTime.parse(finishBy));
        return new RunParams(
                parameters.getString(INPUT),
                Path.of(parameters.getString(OUTPUT)),
                parameters.getString(GATEWAY),
                parameters.getString(VOICE),
                parameters.getString(INSTRUCTIONS),
                intOf(parameters.getLong(CONCURRENCY), 4),
                intOf(parameters.getLong(MAX_ATTEMPTS), 4),
                speed == null ? EpisodeScript.NORMAL_SPEED : speed,
                limits,
                "true".equals(parameters.getString(ONLY_FAILED)),
                intOf(parameters.getLong(MAX_REQUESTS_PER_MINUTE), 0),
                origin(parameters),
                lexicons(parameters.getString(LEXICON)),
                parameters.getString(MODEL_VERSION));
    }

    private static Origin origin(JobParameters parameters) {
        String file = parameters.getString(PARAMS_FILE);
        String overrides = parameters.getString(OVERRIDES);
        return new Origin(
                file == null ? null : Path.of(file),
                overrides == null || overrides.isEmpty() ? List.of() : List.of(overrides.split(",")));
    }

    private static int intOf(@Nullable Long value, int fallback) {
        return value == null ? fallback : value.intValue();
    }

    /**
     * The job parameters of an execution of the run with the given run id: a new run, or the restart
     * of a failed or stopped one, which then works with this invocation's tuning and limits.
     */
    public JobParameters toJobParameters(long runId) {
        JobParametersBuilder builder = new JobParametersBuilder(identifying()).addLong(RUN_ID, runId);
        if (limits.maxCost() != null) {
            builder.addString(MAX_COST, limits.maxCost().toPlainString(), false);
        }
        if (limits.finishBy() != null) {
            builder.addString(FINISH_BY, limits.finishBy().toString(), false);
        }
        if (!lexicons.isEmpty()) {
            builder.addString(
                    LEXICON,
                    String.join(",", lexicons.stream().map(Path::toString).toList()),
                    false);
        }
        if (modelVersion != null) {
            builder.addString(MODEL_VERSION, modelVersion, false);
        }
        if (origin.paramsFile() != null) {
            builder.addString(PARAMS_FILE, origin.paramsFile().toString(), false);
        }
        if (!origin.overridden().isEmpty()) {
            builder.addString(OVERRIDES, String.join(",", origin.overridden()), false);
        }
        return builder.toJobParameters();
    }

    /**
     * The parameters that say whether an earlier execution was the same run. {@code only-failed} is
     * there only when true, so that ordinary runs keep the identity they had before the key existed.
     */
    public JobParameters identifying() {
        JobParametersBuilder builder = new JobParametersBuilder();
        if (onlyFailed) {
            builder.addString(ONLY_FAILED, "true");
        }
        return builder.addString(INPUT, input)
                .addString(OUTPUT, output.toString())
                .addString(GATEWAY, gateway)
                .addString(VOICE, voice)
                .addString(INSTRUCTIONS, instructions)
                .addDouble(SPEED, speed)
                .addLong(CONCURRENCY, (long) concurrency, false)
                .addLong(MAX_ATTEMPTS, (long) maxAttempts, false)
                .addLong(MAX_REQUESTS_PER_MINUTE, (long) maxRequestsPerMinute, false)
                .toJobParameters();
    }

    private static int positiveInt(
            Map<String, String> values, String key, int fallback, int max, List<String> problems) {
        String raw = trimmed(values.get(key));
        if (raw == null) {
            return fallback;
        }
        // ASCII digits only: Integer.parseInt also takes a sign and digits of other scripts.
        if (WHOLE_NUMBER.matcher(raw).matches()) {
            int value = Integer.parseInt(raw);
            if (value >= 1 && value <= max) {
                return value;
            }
        }
        problems.add("'" + key + "' must be a whole number from 1 to " + max + "; was '" + raw + "'");
        return fallback;
    }

    private static double speed(@Nullable String value, List<String> problems) {
        String raw = trimmed(value);
        if (raw == null) {
            return EpisodeScript.NORMAL_SPEED;
        }
        // A plain decimal: Double.parseDouble also takes hex, exponents, "1.0d" and NaN.
        if (DECIMAL.matcher(raw).matches()) {
            double speed = Double.parseDouble(raw);
            if (speed >= EpisodeScript.MIN_SPEED && speed <= EpisodeScript.MAX_SPEED) {
                return speed;
            }
        }
        problems.add("'speed' must be a number from " + EpisodeScript.MIN_SPEED + " to " + EpisodeScript.MAX_SPEED
                + " (1.0 is normal); was '" + raw + "'");
        return EpisodeScript.NORMAL_SPEED;
    }

    private static @Nullable BigDecimal maxCost(Map<String, String> values, List<String> problems) {
        String raw = trimmed(values.get(MAX_COST));
        if (raw == null) {
            return null;
        }
        String amount = raw.startsWith("$") ? raw.substring(1) : raw;
        // A plain decimal: BigDecimal also takes exponents, and 1e400 is a number it holds.
        if (DECIMAL.matcher(amount).matches()) {
            BigDecimal value = new BigDecimal(amount);
            if (value.signum() > 0 && value.compareTo(MAX_COST_USD) <= 0) {
                return value;
            }
        }
        problems.add("'" + MAX_COST + "' must be a positive amount in USD, e.g. 5 or 12.50, up to "
                + MAX_COST_USD.toPlainString() + "; was '" + raw + "'");
        return null;
    }

    private static @Nullable LocalTime finishBy(Map<String, String> values, List<String> problems) {
        String raw = trimmed(values.get(FINISH_BY));
        if (raw == null) {
            return null;
        }
        try {
            return LocalTime.parse(raw.length() == 4 ? "0" + raw : raw);
        } catch (DateTimeParseException e) {
            problems.add("'" + FINISH_BY + "' must be a time of day as HH:MM (24-hour, this machine's zone), "
                    + "e.g. 06:30; was '" + raw + "'");
            return null;
        }
    }

    private static boolean bool(Map<String, String> values, String key, List<String> problems) {
        String raw = trimmed(values.get(key));
        if (raw == null || "false".equalsIgnoreCase(raw)) {
            return false;
        }
        if ("true".equalsIgnoreCase(raw)) {
            return true;
        }
        problems.add("'" + key + "' must be true or false; was '" + raw + "'");
        return false;
    }

    /** The comma-separated lexicon files, as written. */
    private static List<Path> lexicons(@Nullable String value) {
        String raw = trimmed(value);
        if (raw == null) {
            return List.of();
        }
        return Pattern.compile(",")
                .splitAsStream(raw)
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .map(Path::of)
                .toList();
    }

    private static @Nullable String trimmed(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
