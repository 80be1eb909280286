package dev.nightcast.cluster;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.dsl.IntegrationFlow;

import dev.nightcast.store.EpisodeClaims;
import dev.nightcast.store.WorkerLeases;

/**
 * Spring Batch remote partitioning over RabbitMQ, the manager's side (worker hosts: {@link WorkerHost}).
 * The manager's {@code narrate} step splits the run into {@code concurrency} partitions
 * ({@code job.ConcurrencySplitter}), and {@link MessageChannelPartitionHandler} sends one request per
 * partition through a channel to the durable queue {@code nightcast.cluster.queue}, then polls the
 * job repository (not a reply queue) until every partition has ended, at most
 * {@code nightcast.cluster.timeout}. Polling the repository is what lets a manager die and come back:
 * nothing of the run's state lives in the manager or the broker. {@link LeasedPartitionHandler}
 * around it counts a partition whose host's lease passed as lost.
 */
@Configuration(proxyBeanMethods = false)
class RemotePartitioning {

    /** The partition queue: durable, so requests not yet taken survive a broker restart. Declared by both sides. */
    @Bean
    Queue partitionQueue(ClusterProperties cluster) {
        return new Queue(cluster.queue(), true);
    }

    /** Spring Integration (channels, the outbound flow) only where it is used: Boot 4 does not configure it by itself. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "nightcast.cluster.enabled", havingValue = "true")
    @EnableIntegration
    static class Manager {

        @Bean
        DirectChannel partitionRequests() {
            return new DirectChannel();
        }

        /**
         * Requests go out as JSON text ({@link PartitionMessages}), persistent, to the queue by name,
         * each confirmed by the broker ({@link ConfirmedRequests}).
         */
        @Bean
        IntegrationFlow partitionRequestsToRabbit(
                DirectChannel partitionRequests, RabbitTemplate rabbit, ClusterProperties cluster) {
            return IntegrationFlow.from(partitionRequests)
                    .<org.springframework.batch.integration.partition.StepExecutionRequest, String>transform(
                            PartitionMessages::toJson)
                    .handle(new ConfirmedRequests(rabbit, cluster.queue()))
                    .get();
        }

        @Bean
        PartitionHandler remotePartitions(
                DirectChannel partitionRequests,
                JobRepository jobRepository,
                ClusterProperties cluster,
                WorkerLeases leases,
                EpisodeClaims claims,
                ConnectionFactory rabbit)
                throws Exception {
            MessageChannelPartitionHandler handler = new MessageChannelPartitionHandler();
            handler.setStepName(ClusterSteps.WORKER_STEP);
            handler.setMessagingOperations(new MessagingTemplate(partitionRequests));
            // Repository polling with a finite timeout: the manager needs no reply queue.
            handler.setJobRepository(jobRepository);
            handler.setPollInterval(cluster.poll().toMillis());
            handler.setTimeout(cluster.timeout().toMillis());
            handler.afterPropertiesSet();
            return new LeasedPartitionHandler(
                    handler, jobRepository, leases, claims, cluster.poll(), rabbit.getHost() + ":" + rabbit.getPort());
        }
    }
}
