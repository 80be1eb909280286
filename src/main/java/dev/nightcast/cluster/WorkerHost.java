package dev.nightcast.cluster;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.integration.StaticMessageHeaderAccessor;
import org.springframework.integration.acks.AcknowledgmentCallback;
import org.springframework.integration.amqp.inbound.AmqpMessageSource;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

import dev.nightcast.store.WorkerLeases;

/**
 * {@code java -jar nightcast.jar worker}: runs partitions of any narrate run on the shared job
 * repository, {@code nightcast.cluster.slots} at a time, until it is told to leave.
 *
 * <p>A partition request is taken from the queue only when a slot is free (a polled
 * {@link AmqpMessageSource}, {@code basic.get}, rather than a listener with prefetched messages), the
 * partition is recorded as this host's in the database ({@link WorkerLeases#takePartition}), and only
 * then is the message acknowledged and the partition run on a slot's thread. Acknowledging on receipt
 * is the choice for partitions that run for hours: RabbitMQ closes a channel whose delivery stays
 * unacknowledged past its consumer timeout (30 minutes by default) and delivers the message again,
 * which would run the partition twice. From the acknowledgement on, the job repository and this
 * host's lease own the partition: if the host dies, its lease passes, the manager counts the
 * partition lost and the other hosts claim its episodes. A host dying between receipt and
 * acknowledgement leaves the message to be delivered again; one that took the partition meanwhile
 * finds it taken (or ended) and acknowledges without running it.
 *
 * <p>Leaving ({@link #leave}, on SIGTERM): no more requests are taken, the running partitions claim
 * no new episode ({@link WorkerIdentity#leave}), finish and commit the ones in flight and end; then
 * the lease ends and {@link #run} returns.
 */
@Component
public class WorkerHost {

    private static final Logger log = LoggerFactory.getLogger(WorkerHost.class);
    /** How long to wait before asking an empty queue again. */
    private static final Duration EMPTY_QUEUE_PAUSE = Duration.ofMillis(500);

    private final ConnectionFactory rabbit;
    private final ClusterProperties cluster;
    private final WorkerIdentity host;
    private final WorkerLeases leases;
    private final JobRepository jobRepository;
    private final StepExecutionRequestHandler requests;
    private final BeanFactory beans;
    /** Whether the broker is known to be away: its outage is logged once, not at every poll. Run's thread only. */
    private boolean brokerDown;

    WorkerHost(
            ConnectionFactory rabbit,
            ClusterProperties cluster,
            WorkerIdentity host,
            WorkerLeases leases,
            JobRepository jobRepository,
            BeanFactory beans) {
        this.rabbit = rabbit;
        this.cluster = cluster;
        this.host = host;
        this.leases = leases;
        this.jobRepository = jobRepository;
        this.beans = beans;
        this.requests = new StepExecutionRequestHandler();
        BeanFactoryStepLocator steps = new BeanFactoryStepLocator();
        steps.setBeanFactory(beans);
        requests.setStepLocator(steps);
        requests.setJobRepository(jobRepository);
    }

    /** Runs partitions until {@link #leave} is called and the running ones have ended. */
    public void run() throws InterruptedException {
        AmqpMessageSource queue = new AmqpMessageSource(rabbit, cluster.queue());
        queue.setBeanFactory(beans);
        Semaphore slots = new Semaphore(cluster.slots());
        AtomicInteger threads = new AtomicInteger();
        ExecutorService partitions = Executors.newFixedThreadPool(
                cluster.slots(), runnable -> new Thread(runnable, "partition-" + threads.incrementAndGet()));
        try (Heartbeat heartbeat = Heartbeat.start(leases, host, cluster)) {
            log.info(
                    "Worker host {} takes up to {} partitions of queue '{}'",
                    host.id(),
                    cluster.slots(),
                    cluster.queue());
            while (!host.leaving()) {
                if (!slots.tryAcquire(cluster.poll().toMillis(), TimeUnit.MILLISECONDS)) {
                    continue;
                }
                Message<?> message;
                try {
                    message = queue.receive();
                    if (brokerDown) {
                        log.info("The broker answers again");
                        brokerDown = false;
                    }
                } catch (AmqpException e) {
                    slots.release();
                    if (!brokerDown) {
                        log.warn(
                                "Cannot take partition requests from the broker ({}); the partitions running here "
                                        + "go on, and this host asks again",
                                e.getMessage());
                        brokerDown = true;
                    }
                    pause(cluster.poll());
                    continue;
                }
                if (message == null) {
                    slots.release();
                    pause(EMPTY_QUEUE_PAUSE);
                    continue;
                }
                StepExecutionRequest request = take(message);
                if (request == null) {
                    slots.release();
                    continue;
                }
                partitions.execute(() -> {
                    try {
                        runPartition(request);
                    } finally {
                        slots.release();
                    }
                });
            }
            log.info(
                    "Worker host {} is leaving: the partitions running here finish their episodes in flight",
                    host.id());
            partitions.shutdown();
            while (!partitions.awaitTermination(1, TimeUnit.MINUTES)) {
                log.info("Still finishing the episodes in flight");
            }
        } finally {
            partitions.shutdownNow();
        }
        log.info("Worker host {} left", host.id());
    }

    /** From now on no request is taken and no episode claimed; {@link #run} returns once the partitions end. */
    public void leave() {
        host.leave();
    }

    /**
     * Records the request's partition as this host's and acknowledges the message; returns the
     * request when this host is to run it, {@code null} when the message is to be dropped.
     */
    private @Nullable StepExecutionRequest take(Message<?> message) {
        AcknowledgmentCallback ack = StaticMessageHeaderAccessor.getAcknowledgmentCallback(message);
        StepExecutionRequest request;
        try {
            request = PartitionMessages.fromJson(message.getPayload());
        } catch (IllegalArgumentException e) {
            log.warn("Dropping a message that is not a partition request: {}", e.getMessage());
            settle(ack, AcknowledgmentCallback.Status.REJECT, "a message that is not a partition request");
            return null;
        }
        boolean ours;
        try {
            ours = runnable(request);
        } catch (RuntimeException e) {
            // The database did not answer: the message goes back for this host or another to try again.
            log.warn(
                    "Cannot take partition {} now ({}); it goes back to the queue",
                    request.getStepExecutionId(),
                    e.getMessage());
            settle(
                    ack,
                    AcknowledgmentCallback.Status.REQUEUE,
                    "the request for partition " + request.getStepExecutionId());
            pause(cluster.poll());
            return null;
        }
        settle(
                ack,
                AcknowledgmentCallback.Status.ACCEPT,
                "the request for partition " + request.getStepExecutionId() + (ours ? ", which runs here" : ""));
        return ours ? request : null;
    }

    /**
     * Acknowledges a delivery; a broker that went away since it delivered the message does not stop
     * this host. The broker delivers an unacknowledged message again once it is back, and that is
     * safe: the partition is recorded in the database as this host's (or as ended), so whichever host
     * gets the message again drops it, and a partition taken here runs here all the same.
     */
    private void settle(@Nullable AcknowledgmentCallback ack, AcknowledgmentCallback.Status status, String what) {
        try {
            acknowledge(ack, status);
        } catch (RuntimeException e) {
            if (!brokerDown) {
                log.warn(
                        "The broker went away before this host acknowledged {} ({}); the broker delivers it again "
                                + "once it is back (a request for a partition already taken is dropped then), and this "
                                + "host asks again",
                        what,
                        e.getMessage());
                brokerDown = true;
            }
        }
    }

    private boolean runnable(StepExecutionRequest request) {
        StepExecution partition;
        try {
            partition = jobRepository.getStepExecution(request.getStepExecutionId());
        } catch (EmptyResultDataAccessException e) {
            partition = null;
        }
        if (partition == null) {
            log.warn(
                    "Dropping request for partition {}: no such step execution in this job repository",
                    request.getStepExecutionId());
            return false;
        }
        if (partition.getStatus() != BatchStatus.STARTING
                || !partition.getJobExecution().getStatus().isRunning()) {
            log.info(
                    "Dropping request for partition {} of execution {}: it is {} and its execution {}",
                    partition.getId(),
                    partition.getJobExecutionId(),
                    partition.getStatus(),
                    partition.getJobExecution().getStatus());
            return false;
        }
        if (!leases.takePartition(partition.getId(), partition.getJobExecutionId(), host.id())) {
            log.info("Dropping request for partition {}: a live host runs it already", partition.getId());
            return false;
        }
        return true;
    }

    private void runPartition(StepExecutionRequest request) {
        log.info("Running partition {} ({})", request.getStepExecutionId(), request.getStepName());
        StepExecution result = requests.handle(request);
        if (result.getStatus() == BatchStatus.FAILED
                && !result.getFailureExceptions().isEmpty()) {
            // The handler caught what the step could not record itself: record it.
            try {
                result.setEndTime(java.time.LocalDateTime.now());
                jobRepository.update(result);
            } catch (RuntimeException e) {
                log.warn("Could not record partition {} as FAILED: {}", result.getId(), e.getMessage());
            }
        }
        log.info(
                "Partition {} ended {} ({})",
                result.getId(),
                result.getStatus(),
                result.getExitStatus().getExitCode());
    }

    private static void acknowledge(@Nullable AcknowledgmentCallback ack, AcknowledgmentCallback.Status status) {
        if (ack != null) {
            ack.acknowledge(status);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
