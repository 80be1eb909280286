/**
 * Several hosts: the settings ({@link dev.nightcast.cluster.ClusterProperties}), Spring Batch's remote
 * partitioning over RabbitMQ (the manager's {@link dev.nightcast.cluster.LeasedPartitionHandler}
 * around {@code MessageChannelPartitionHandler}, polling the job repository; the worker hosts'
 * {@link dev.nightcast.cluster.WorkerHost}), and this host's identity and lease-renewing heartbeat.
 * The claim/lease tables are SQL in {@code store}; the workers' claiming in {@code job.ClaimedEpisodes}.
 * See docs/DESIGN.md, "Several hosts".
 */
@NullMarked
package dev.nightcast.cluster;

import org.jspecify.annotations.NullMarked;
