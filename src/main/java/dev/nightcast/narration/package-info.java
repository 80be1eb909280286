/**
 * Turning one episode script into audio: {@link dev.nightcast.narration.NarrationProcessor} is the
 * step's item processor (reject invalid input, skip what is published with the same
 * {@link dev.nightcast.narration.Fingerprint}, narrate the rest into an
 * {@link dev.nightcast.narration.EpisodeOutcome}).
 *
 * <p>Inside, {@code EpisodeNarrator} runs one episode: {@code NarrationPlan} (segments from
 * {@link dev.nightcast.text.Segmenter}, with their pauses),
 * {@code SegmentCheckpoints} (finished segments kept on disk, for resuming), {@code VoiceSessions}
 * (one session per voice), {@code SegmentNarrator} (one loop of gateway calls, each a recorded and
 * logged {@code SegmentAttempt}, carrying out what {@link dev.nightcast.retry.RetryDecision} decides
 * after a failure; then the {@link dev.nightcast.text.FidelityCheck}),
 * and {@code EpisodeAssembler} (streams the segments into the WAV in two passes, measure then
 * master with {@code audio}, and builds the transcript, the caption cues timed by the transcript deltas ({@code SegmentCaptions}) and the chapters). Static
 * settings are {@link dev.nightcast.narration.NarrationProperties}
 * ({@code nightcast.narration.*}).
 */
package dev.nightcast.narration;

