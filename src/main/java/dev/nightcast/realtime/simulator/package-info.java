/**
 * A Realtime API simulator on a real loopback socket (mockwebserver3), for {@code gateway=simulator}
 * runs and for tests: {@link dev.nightcast.realtime.simulator.RealtimeSimulator} is the entry point,
 * {@link dev.nightcast.realtime.simulator.Fault} scripts misbehaviour.
 *
 * <p>Inside: {@code SimulatorDispatcher} answers handshakes, {@code SimulatedSession} is the server
 * side of one connection, {@code ResponseStreamer} streams one response with {@code ServerEvents},
 * {@code ToneGenerator} and {@code TokenMath}; {@code SimulatorLedger} records what was seen.
 */
package dev.nightcast.realtime.simulator;
