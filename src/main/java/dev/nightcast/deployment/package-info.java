/**
 * Several deployments of the same model in one run: {@link dev.nightcast.deployment.DeploymentPool}
 * sends each new session to a deployment with room, each behind a throttle of its own (its own
 * learned limit), and keeps each deployment's health ({@link dev.nightcast.deployment.DeploymentHealth}):
 * a deployment that looks down gets no new sessions and is probed again later while the others
 * carry the run; one that refuses the configuration is out for the run. The run's own outage
 * breaker still decides when the run stops: only when no deployment answers.
 */
@NullMarked
package dev.nightcast.deployment;

import org.jspecify.annotations.NullMarked;
