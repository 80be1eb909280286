/**
 * Turning one episode script into audio: {@link dev.nightcast.narration.NarrationProcessor} is the
 * step's item processor (reject invalid input, skip what is published with the same
 * {@link dev.nightcast.narration.Fingerprint}, narrate the rest into an
 * {@link dev.nightcast.narration.EpisodeOutcome}).
 *
 * <p>Inside, {@code EpisodeNarrator} runs one episode: {@code NarrationPlan} (segments from
 * {@link dev.nightcast.text.Segmenter}, with their pauses), the kept segments of
 * {@link dev.nightcast.assembly.SegmentCheckpoints} (for resuming), {@code VoiceSessions} (one
 * session per voice), {@code SegmentNarrator} (one loop of gateway calls, each a recorded and logged
 * {@code SegmentAttempt}, carrying out what {@link dev.nightcast.retry.RetryDecision} decides after a
 * failure; then the {@link dev.nightcast.text.FidelityCheck}), {@code SegmentSharing} (idle workers
 * help with the last episodes' segments), and at the end the
 * {@link dev.nightcast.assembly.EpisodeAssembler}. Static settings are
 * {@link dev.nightcast.narration.NarrationProperties} ({@code nightcast.narration.*}).
 */
@NullMarked
package dev.nightcast.narration;

import org.jspecify.annotations.NullMarked;
