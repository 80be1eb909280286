package dev.nightcast.report;

import java.util.Collection;

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
        long[] v = new long[COUNTS.length];
        for (int i = 0; i < COUNTS.length; i++) {
            v[i] = context.getLong(PREFIX + COUNTS[i], 0L);
        }
        String model = context.containsKey(MODEL) ? context.getString(MODEL) : null;
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
            context.putLong(PREFIX + COUNTS[i], v[i]);
        }
        if (tally.model != null) {
            context.putString(MODEL, tally.model);
        }
    }
}
