package dev.nightcast.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.nightcast.audio.PcmFormat;

/**
 * Checks that a segment was read, not answered or paraphrased: compares the transcript the model
 * produced with the audio against the segment's text (see {@link TranscriptWords} for what counts as
 * the same word), rejects words added before or after the text even when the error rate is low, and
 * flags a speech rate far from any natural reading. Immutable and thread-safe.
 *
 * <p>The transcript is the model's own text channel, not an independent speech recogniser; it
 * follows the audio closely in practice, which is what makes it worth checking.
 */
public final class FidelityCheck {

    private final FidelityLimits limits;

    public FidelityCheck(FidelityLimits limits) {
        this.limits = limits;
    }

    /**
     * What a reading measured and, when it must be read again, why.
     *
     * @param errors word-level edits between text and transcript
     * @param referenceWords words of the text, normalised
     * @param problem why the reading is rejected, or null when it passes
     */
    public record Verdict(
            int errors,
            int referenceWords,
            double wordsPerSecond,
            @Nullable String problem) {

        /** Errors per word of the text; 0 for a perfect reading. */
        public double wordErrorRate() {
            return referenceWords == 0 ? (errors == 0 ? 0 : 1) : errors / (double) referenceWords;
        }

        public boolean passed() {
            return problem == null;
        }
    }

    public Verdict check(String text, String transcript, long pcmBytes, double speed) {
        List<String> reference = TranscriptWords.of(text);
        List<String> spoken = TranscriptWords.of(transcript == null ? "" : transcript);
        WordAlignment alignment = WordAlignment.of(reference, spoken);
        double seconds = pcmBytes / (double) PcmFormat.BYTE_RATE;
        double wordsPerSecond = seconds > 0 ? reference.size() / seconds : 0;
        Verdict measured = new Verdict(alignment.errors(), reference.size(), wordsPerSecond, null);

        List<String> problems = new ArrayList<>();
        if (measured.wordErrorRate() > limits.maxWordErrorRate()) {
            problems.add(String.format(
                    Locale.ROOT,
                    "word error rate %.2f is above %.2f",
                    measured.wordErrorRate(),
                    limits.maxWordErrorRate()));
        }
        extra(alignment.extraBefore(), "before the first word", problems);
        extra(alignment.extraAfter(), "after the last word", problems);
        double slowest = limits.minWordsPerSecond() * speed;
        double fastest = limits.maxWordsPerSecond() * speed;
        if (reference.size() >= limits.minWordsForRate() && (wordsPerSecond < slowest || wordsPerSecond > fastest)) {
            problems.add(String.format(
                    Locale.ROOT,
                    "speech rate %.1f words/s is far outside %.1f-%.1f",
                    wordsPerSecond,
                    slowest,
                    fastest));
        }
        return problems.isEmpty()
                ? measured
                : new Verdict(
                        measured.errors(), measured.referenceWords(), wordsPerSecond, String.join("; ", problems));
    }

    private void extra(List<String> words, String where, List<String> problems) {
        // Numbers are read in more than one way ("two thousand twenty four", "twenty twenty four"):
        // their variants are not additions.
        List<String> added =
                words.stream().filter(word -> !NumberWords.isNumberWord(word)).toList();
        if (added.size() > limits.maxExtraWords()) {
            problems.add(added.size() + " extra word(s) " + where + " of the text ('" + String.join(" ", words) + "')");
        }
    }
}
