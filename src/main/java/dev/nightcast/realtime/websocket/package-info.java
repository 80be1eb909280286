/**
 * The Realtime client over OkHttp's WebSocket, split the way OkHttp splits its own: transport glue
 * ({@code WebSocketConnection}, a thin {@code InboxListener} that queues callbacks into an
 * {@code Inbox}, bulk frames in batches), the session state machine ({@code SessionSetup},
 * {@link dev.nightcast.realtime.websocket.OkHttpRealtimeSession}, {@code ResponseCollector}, all on
 * the caller's thread), one {@code FailureClassifier} for the whole failure taxonomy, and the
 * endpoint with its credentials ({@link dev.nightcast.realtime.websocket.RealtimeEndpoint},
 * {@code ConnectionAuth}).
 */
@NullMarked
package dev.nightcast.realtime.websocket;

import org.jspecify.annotations.NullMarked;
