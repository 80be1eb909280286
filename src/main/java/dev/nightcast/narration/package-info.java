/**
 * Turning one episode script into audio: {@link dev.nightcast.narration.NarrationProcessor} is the
 * step's item processor (reject invalid input, skip what is published with the same
 * {@link dev.nightcast.narration.Fingerprint}, narrate the rest into an
 * {@link dev.nightcast.narration.EpisodeOutcome}).
 *
 * <p>Inside, {@code EpisodeNarrator} runs one episode: {@code NarrationPlan} (segments from the
 * {@link dev.nightcast.narration.Segmenter} and {@code Sentences}, with their pauses),
 * {@code SegmentCheckpoints} (finished segments kept on disk, for resuming), {@code VoiceSessions}
 * (one session per voice), {@code SegmentNarrator} (retry with {@code RetryBackoff}, throttled
 * calls again within the throttle budget, each gateway call a recorded {@code SegmentAttempt}; then
 * the {@code FidelityCheck} on {@code TranscriptWords}, {@code NumberWords} and {@code WordAlignment}),
 * and {@code EpisodeAssembler} (streams the segments into the WAV, builds transcript and subtitle
 * cues). Static settings are {@link dev.nightcast.narration.NarrationProperties}
 * ({@code nightcast.narration.*}).
 */
package dev.nightcast.narration;
