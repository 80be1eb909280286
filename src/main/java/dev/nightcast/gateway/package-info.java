/**
 * Which Realtime gateway a run talks to: the settings ({@link dev.nightcast.gateway.GatewayProperties},
 * {@code nightcast.gateway.*}), the endpoint and credentials of each kind (Azure with a key or
 * Entra ID, OpenAI, the built-in simulator), the factory that creates them, and the run's
 * throttled gateway ({@link dev.nightcast.gateway.RunGateways}).
 */
@NullMarked
package dev.nightcast.gateway;

import org.jspecify.annotations.NullMarked;
