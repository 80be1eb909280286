/**
 * The Realtime protocol's JSON, both ways: {@code ClientEvents} writes what the client sends,
 * {@code EventDecoder} reads server events into {@code ServerEvent} records, with a fast path for
 * audio deltas ({@code AudioDeltaFrames} into a {@code PcmBuffer}). Tested on plain strings.
 */
@NullMarked
package dev.nightcast.realtime.protocol;

import org.jspecify.annotations.NullMarked;
