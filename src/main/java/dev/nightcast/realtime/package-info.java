/**
 * Narration through the GPT Realtime API over WebSocket (GA protocol; Azure OpenAI, OpenAI or the
 * in-process {@link dev.nightcast.realtime.simulator.RealtimeSimulator}).
 *
 * <p>Public surface: {@link dev.nightcast.realtime.RealtimeGatewayFactory} creates a
 * {@link dev.nightcast.realtime.RealtimeGateway} by name; a gateway opens
 * {@link dev.nightcast.realtime.RealtimeSession}s that narrate segments into an
 * {@link dev.nightcast.realtime.AudioSink}; failures are {@link dev.nightcast.realtime.RealtimeException}s
 * already classified as transient or permanent. Static settings are
 * {@link dev.nightcast.realtime.GatewayProperties} ({@code nightcast.gateway.*}).
 *
 * <p>Inside, split the way OkHttp splits its WebSocket: transport glue ({@code WebSocketConnection},
 * a thin {@code InboxListener} that only queues callbacks into an {@code Inbox}, bulk frames in
 * batches), the event codec ({@code EventDecoder}, its audio fast path {@code AudioDeltaFrames}
 * into a {@code PcmBuffer}, {@code ClientEvents}), the session state machine ({@code SessionSetup}, {@code OkHttpRealtimeSession},
 * {@code ResponseCollector}, all on the caller's thread), and one {@code FailureClassifier} for the
 * whole failure taxonomy. Endpoint and credentials: {@code RealtimeEndpoint}, {@code ConnectionAuth},
 * {@code EntraIdAuth}.
 */
package dev.nightcast.realtime;
