/**
 * Run metrics for watching Nightcast from outside, through Micrometer: episodes by outcome, audio,
 * spend and the run's size and estimated time left ({@link dev.nightcast.metrics.RunMetrics}, a run
 * observer), and every gateway call by kind, outcome and deployment with its latency
 * ({@link dev.nightcast.metrics.GatewayMetrics}, a decorator around each deployment's gateway).
 *
 * <p>Where they go is Spring Boot's business: its Prometheus Pushgateway support pushes them while a
 * run goes and once more as the process ends (see DESIGN "Watching from outside"); nothing is
 * pushed unless {@code management.prometheus.metrics.export.pushgateway.enabled=true}. No meter
 * carries a key, a URL's path or query, or text from the input: tags are outcomes, call kinds and
 * deployment names ({@code endpoint host/deployment}).
 */
@NullMarked
package dev.nightcast.metrics;

import org.jspecify.annotations.NullMarked;
