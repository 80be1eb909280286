package dev.nightcast.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Several hosts ({@code nightcast.cluster.*}): a manager ({@code narrate} with {@code enabled=true})
 * sends the run's partitions through RabbitMQ ({@code spring.rabbitmq.*}) to worker hosts
 * ({@code worker}), all on one PostgreSQL job repository. See docs/DESIGN.md, "Several hosts".
 *
 * @param enabled the manager sends partitions to worker hosts instead of running them itself
 * @param queue the RabbitMQ queue of partition requests (durable; shared by the manager and workers)
 * @param slots how many partitions (narrations in flight) this worker host runs at once; the run's
 *     {@code concurrency} is the number of partitions, spread over the hosts' slots
 * @param lease how long a worker host's claims and partitions stay its own without a heartbeat:
 *     after that, other hosts take its episodes over and the manager counts its partitions lost
 * @param heartbeat how often a worker host renews its lease (well below {@code lease})
 * @param poll how often the manager looks at its partitions in the job repository, and a worker with
 *     nothing to claim looks again
 * @param timeout how long the manager waits for its partitions at most (the run then fails, and the
 *     next run continues it)
 */
@ConfigurationProperties("nightcast.cluster")
public record ClusterProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("nightcast.partitions") String queue,
        @DefaultValue("4") int slots,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("10s") Duration heartbeat,
        @DefaultValue("5s") Duration poll,
        @DefaultValue("24h") Duration timeout) {

    public ClusterProperties {
        if (slots < 1
                || lease.isNegative()
                || heartbeat.isNegative()
                || heartbeat.isZero()
                || heartbeat.compareTo(lease) >= 0
                || poll.isNegative()
                || poll.isZero()
                || timeout.isNegative()) {
            throw new IllegalArgumentException("nightcast.cluster: slots must be at least 1, heartbeat positive and "
                    + "shorter than lease, poll positive, timeout not negative");
        }
    }
}
