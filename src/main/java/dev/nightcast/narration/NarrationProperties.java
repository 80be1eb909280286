package dev.nightcast.narration;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.nightcast.retry.OutageBreaker;
import dev.nightcast.retry.OutageSettings;
import dev.nightcast.text.FidelityLimits;

/**
 * Static narration settings ({@code nightcast.narration.*}). Per-run choices (voice, attempts,
 * concurrency) are job parameters instead.
 *
 * <p>Pauses are digital silence put between two segments when they are joined; inside a segment the
 * model paces itself. The pause depends on what separates the two segments, and the defaults follow
 * a narrator's pacing: a breath between sentences, longer at a paragraph, a little more room between
 * dialogue turns than a live conversation leaves, a clear break before a heading. They add to
 * whatever silence the model leaves at the ends of its reading; each segment is faded in and out
 * over a few ms into them ({@link dev.nightcast.audio.Fade}).
 *
 * @param maxSegmentWords longest segment sent as one response; 250 words is about 100 s of speech,
 *     well under the 4,096-output-token cap (about 150 s)
 * @param segmentPause between two segments of one paragraph
 * @param paragraphPause between two segments at a paragraph break
 * @param sectionPause before a markdown heading
 * @param turnPause between two turns of a dialogue
 * @param initialBackoff first retry delay before jitter; doubles with each attempt (the jitter keeps at
 *     least half of it: see {@link dev.nightcast.retry.Backoff})
 * @param maxBackoff cap of the retry delay before jitter
 * @param outageThreshold fewest consecutive transient gateway failures (across at least two
 *     episodes, or while connecting, without a success in between) for the run to stop as a gateway
 *     outage (see {@link OutageBreaker}); never fewer than two per worker
 * @param outageWindow shortest time those failures must span: a gateway that refuses connections for
 *     a few seconds (a restart, a fail-over) is ridden out, a longer outage stops the run
 * @param fidelity how a segment's transcript is checked against its text
 */
@ConfigurationProperties("nightcast.narration")
public record NarrationProperties(
        @DefaultValue("250") int maxSegmentWords,
        @DefaultValue("350ms") Duration segmentPause,
        @DefaultValue("700ms") Duration paragraphPause,
        @DefaultValue("1200ms") Duration sectionPause,
        @DefaultValue("500ms") Duration turnPause,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("10") int outageThreshold,
        @DefaultValue("60s") Duration outageWindow,
        @DefaultValue FidelityLimits fidelity)
        implements OutageSettings {

    public NarrationProperties {
        if (maxSegmentWords < 20) {
            throw new IllegalArgumentException("nightcast.narration.max-segment-words must be at least 20");
        }
        for (Duration pause : new Duration[] {segmentPause, paragraphPause, sectionPause, turnPause}) {
            if (pause.isNegative() || pause.compareTo(Duration.ofSeconds(10)) > 0) {
                throw new IllegalArgumentException("nightcast.narration: pauses must be from 0 to 10s, was " + pause);
            }
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "nightcast.narration: backoffs must be positive, max-backoff >= initial-backoff");
        }
        if (outageThreshold < OutageBreaker.MIN_EPISODES) {
            throw new IllegalArgumentException(
                    "nightcast.narration.outage-threshold must be at least " + OutageBreaker.MIN_EPISODES);
        }
        if (outageWindow.isNegative()) {
            throw new IllegalArgumentException("nightcast.narration.outage-window must not be negative");
        }
        fidelity = fidelity != null ? fidelity : new FidelityLimits(0.1, 0, 3, 1.0, 6.0, 8);
    }

    /**
     * The fidelity check of every segment ({@code nightcast.narration.fidelity.*}). Natural speech runs
     * at 1.5 to 4 words per second; the speech-rate limits are for readings far outside that, scaled
     * by the episode's speed.
     *
     * @param maxWordErrorRate highest accepted word error rate of a segment's transcript against its
     *     text, after normalising case, punctuation, numbers and common abbreviations
     * @param maxExtraWords words the transcript may add before the first or after the last word of
     *     the text (a greeting, "Sure, here is the narration") — 0: any is a failure
     * @param attempts readings of a segment before the episode fails with reason {@code fidelity};
     *     every reading after the first gets a stricter instruction
     * @param minWordsPerSecond slowest plausible reading at normal speed
     * @param maxWordsPerSecond fastest plausible reading at normal speed
     * @param minWordsForRate shorter segments are not rate-checked: a pause or two dominates them
     */
}
