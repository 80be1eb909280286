/**
 * From narrated segments to an episode: each finished segment kept on disk until its episode is
 * published ({@link dev.nightcast.assembly.SegmentCheckpoints}, written around the page cache by
 * {@code UncachedFiles}), and the episode joined from them in reading order
 * ({@link dev.nightcast.assembly.EpisodeAssembler}: pauses, faded joins, voices levelled and the
 * whole normalised in two passes), with its caption cues ({@code SegmentCaptions}: timed by where the
 * transcript deltas arrived) and chapters. Knows nothing of the gateway or of retries.
 */
@NullMarked
package dev.nightcast.assembly;

import org.jspecify.annotations.NullMarked;
