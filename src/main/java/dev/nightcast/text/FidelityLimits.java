package dev.nightcast.text;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How strictly a reading's transcript must match its text ({@code nightcast.narration.fidelity.*}).
 *
 * @param maxWordErrorRate word errors per word of the text a reading may have
 * @param maxExtraWords words a reading may add before the first or after the last word of the text
 * @param attempts readings of one segment before it fails the episode
 * @param minWordsPerSecond slowest speech rate accepted, scaled by the episode's speed
 * @param maxWordsPerSecond fastest speech rate accepted, scaled by the episode's speed
 * @param minWordsForRate shortest text whose speech rate is judged
 */
public record FidelityLimits(
        @DefaultValue("0.1") double maxWordErrorRate,
        @DefaultValue("0") int maxExtraWords,
        @DefaultValue("3") int attempts,
        @DefaultValue("1.0") double minWordsPerSecond,
        @DefaultValue("6.0") double maxWordsPerSecond,
        @DefaultValue("8") int minWordsForRate) {

    public FidelityLimits {
        if (maxWordErrorRate < 0
                || maxWordErrorRate > 1
                || maxExtraWords < 0
                || attempts < 1
                || attempts > 10
                || minWordsPerSecond <= 0
                || maxWordsPerSecond <= minWordsPerSecond
                || minWordsForRate < 1) {
            throw new IllegalArgumentException("nightcast.narration.fidelity: max-word-error-rate 0..1,"
                    + " max-extra-words >= 0, attempts 1..10, 0 < min-words-per-second < max-words-per-second,"
                    + " min-words-for-rate >= 1");
        }
    }
}
