/**
 * A Realtime API simulator on a real loopback socket (mockwebserver3), for {@code gateway=simulator}
 * runs (the demo, a newcomer's first run) and for tests: {@link dev.nightcast.simulator.RealtimeSimulator}
 * is the entry point.
 *
 * <p>Inside: {@code SimulatorDispatcher} answers handshakes, {@code SimulatedSession} is the server
 * side of one connection, {@code ResponseStreamer} streams one response with {@code ServerEvents},
 * {@code ToneGenerator} and {@code TokenMath}. {@code SimulatorHooks} and {@code ResponseTwist} are
 * where tests look in and make it misbehave; the product runs without any, and everything that uses
 * them (faults, held responses, a session quota, the record of what was seen) is test code
 * ({@code ScriptedSimulator} in the tests).
 */
@NullMarked
package dev.nightcast.simulator;

import org.jspecify.annotations.NullMarked;
