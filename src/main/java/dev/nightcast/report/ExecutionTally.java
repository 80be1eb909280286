package dev.nightcast.report;

import java.util.Collection;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.nightcast.realtime.TokenUsage;

/**
 * What one job execution did, counted as it happens and kept in its worker steps' execution
 * contexts, which Spring Batch saves with every chunk. Unlike the {@code episode} table, which holds
 * each episode's latest state only, the tally of an old execution never changes, so history
 * ({@code status}) and spend (failed attempts cost money too) come from here.
 *
 * @param model the model the tokens were spent on, {@code null} before the first narration
 */
public record ExecutionTally(
        long narrated,
        long skipped,
        long failed,
        long invalid,
        long audioMillis,
        TokenUsage tokens,
        @Nullable String model) {

    public static final ExecutionTally EMPTY = new ExecutionTally(0, 0, 0, 0, 0, TokenUsage.ZERO, null);

    private static final String PREFIX = "nightcast.tally.";
    /**
     * Key, in the job execution's own context, of how many input entries the execution has; saved
     * as it starts, so that {@code status} in another process shows done/total of a running one.
     */
    public static final String ENTRIES = PREFIX + "entries";

    private static final String[] COUNTS = {
        "narrated",
        "skipped",
        "failed",
        "invalid",
        "audio-ms",
        "input-tokens",
        "output-tokens",
        "input-text-tokens",
        "input-audio-tokens",
        "output-text-tokens",
        "output-audio-tokens"
    };
    private static final String MODEL = PREFIX + "model";
    /**
     * Prefix, in a cluster manager's job execution context, of the tally it last reported (followed
     * from its worker hosts); what the execution did beyond it, a manager that died never reported.
     */
    private static final String REPORTED = PREFIX + "reported.";

    public ExecutionTally plus(ExecutionTally other) {
        return new ExecutionTally(
                narrated + other.narrated,
                skipped + other.skipped,
                failed + other.failed,
                invalid + other.invalid,
                audioMillis + other.audioMillis,
                tokens.plus(other.tokens),
                other.model != null ? other.model : model);
    }

    /** What this tally holds beyond {@code earlier} (a tally of the same execution, taken before). */
    public ExecutionTally minus(ExecutionTally earlier) {
        TokenUsage a = tokens;
        TokenUsage b = earlier.tokens;
        return new ExecutionTally(
                narrated - earlier.narrated,
                skipped - earlier.skipped,
                failed - earlier.failed,
                invalid - earlier.invalid,
                audioMillis - earlier.audioMillis,
                new TokenUsage(
                        a.inputTokens() - b.inputTokens(),
                        a.outputTokens() - b.outputTokens(),
                        a.inputTextTokens() - b.inputTextTokens(),
                        a.inputAudioTokens() - b.inputAudioTokens(),
                        a.outputTextTokens() - b.outputTextTokens(),
                        a.outputAudioTokens() - b.outputAudioTokens()),
                model != null ? model : earlier.model);
    }

    /**
     * This execution's tally as the continuation of a run whose previous execution did {@code taken}
     * after its manager last reported (see {@code RunReport#unreported}): its narrations, audio and
     * tokens added; the episodes it narrated left out of this execution's skipped (this execution found
     * them done). Failed and invalid entries are this execution's own: it takes them up again.
     */
    public ExecutionTally continuing(ExecutionTally taken) {
        return new ExecutionTally(
                narrated + taken.narrated,
                Math.max(0, skipped - taken.narrated),
                failed,
                invalid,
                audioMillis + taken.audioMillis,
                tokens.plus(taken.tokens),
                model != null ? model : taken.model);
    }

    public long done() {
        return narrated + skipped + failed + invalid;
    }

    /** Adds {@code delta} to what {@code context} holds. The caller owns the context (one worker thread). */
    public static void add(ExecutionContext context, ExecutionTally delta) {
        write(context, read(context).plus(delta));
    }

    /** Forgets what an earlier execution left: Spring Batch copies a worker's context into its restart. */
    public static void reset(ExecutionContext context) {
        for (String key : COUNTS) {
            context.remove(PREFIX + key);
        }
        context.remove(MODEL);
    }

    public static ExecutionTally read(ExecutionContext context) {
        return read(context, PREFIX);
    }

    /** Keeps, in a cluster manager's job execution context, the tally its progress showed last. */
    public static void writeReported(ExecutionContext jobContext, ExecutionTally tally) {
        write(jobContext, tally, REPORTED);
    }

    /** What the manager of an execution last reported, or empty when none did (one process). */
    public static Optional<ExecutionTally> reported(ExecutionContext jobContext) {
        return jobContext.containsKey(REPORTED + COUNTS[0])
                ? Optional.of(read(jobContext, REPORTED))
                : Optional.empty();
    }

    private static ExecutionTally read(ExecutionContext context, String prefix) {
        long[] v = new long[COUNTS.length];
        for (int i = 0; i < COUNTS.length; i++) {
            v[i] = context.getLong(prefix + COUNTS[i], 0L);
        }
        String model = context.containsKey(prefix + "model") ? context.getString(prefix + "model") : null;
        return new ExecutionTally(
                v[0], v[1], v[2], v[3], v[4], new TokenUsage(v[5], v[6], v[7], v[8], v[9], v[10]), model);
    }

    /** The sum over the worker steps ({@code narrateWorker:partitionN}) among {@code steps}. */
    public static ExecutionTally sum(Collection<StepExecution> steps) {
        return steps.stream()
                .filter(step -> step.getStepName().contains(":"))
                .map(step -> read(step.getExecutionContext()))
                .reduce(EMPTY, ExecutionTally::plus);
    }

    private static void write(ExecutionContext context, ExecutionTally tally) {
        write(context, tally, PREFIX);
    }

    private static void write(ExecutionContext context, ExecutionTally tally, String prefix) {
        TokenUsage t = tally.tokens;
        long[] v = {
            tally.narrated,
            tally.skipped,
            tally.failed,
            tally.invalid,
            tally.audioMillis,
            t.inputTokens(),
            t.outputTokens(),
            t.inputTextTokens(),
            t.inputAudioTokens(),
            t.outputTextTokens(),
            t.outputAudioTokens()
        };
        for (int i = 0; i < COUNTS.length; i++) {
            context.putLong(prefix + COUNTS[i], v[i]);
        }
        if (tally.model != null) {
            context.putString(prefix + "model", tally.model);
        }
    }
}
