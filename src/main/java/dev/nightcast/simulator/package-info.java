/**
 * A Realtime API simulator on a real loopback socket (mockwebserver3), for {@code gateway=simulator}
 * runs and for tests: {@link dev.nightcast.simulator.RealtimeSimulator} is the entry point,
 * {@link dev.nightcast.simulator.Fault} scripts misbehaviour.
 *
 * <p>Inside: {@code SimulatorDispatcher} answers handshakes, {@code SimulatedSession} is the server
 * side of one connection, {@code ResponseStreamer} streams one response with {@code ServerEvents},
 * {@code ToneGenerator} and {@code TokenMath}; {@code SimulatorLedger} records what was seen,
 * with {@code Gauge}s of sessions and responses in flight. {@link
 * dev.nightcast.simulator.ResponseHold} pins responses in flight for tests.
 */
package dev.nightcast.simulator;

