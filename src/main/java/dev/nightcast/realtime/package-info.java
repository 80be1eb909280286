/**
 * Narration through the GPT Realtime API, as the rest of Nightcast sees it: a
 * {@link dev.nightcast.realtime.RealtimeGateway} opens {@link dev.nightcast.realtime.RealtimeSession}s
 * that narrate {@link dev.nightcast.realtime.SegmentRequest}s into an
 * {@link dev.nightcast.realtime.AudioSink}; failures are {@link dev.nightcast.realtime.RealtimeException}s
 * already classified. The implementation over WebSocket is {@code realtime.websocket} (with the
 * JSON codec in {@code realtime.protocol}); which gateway a run uses is decided in {@code gateway}.
 */
@NullMarked
package dev.nightcast.realtime;

import org.jspecify.annotations.NullMarked;
