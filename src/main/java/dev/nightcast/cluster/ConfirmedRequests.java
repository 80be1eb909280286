package dev.nightcast.cluster;

import java.time.Duration;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.RabbitExceptionTranslator;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;

/**
 * Sends each partition request (JSON text, persistent) to the queue and waits for the broker's
 * publisher confirm before the next. Without it a request written to a connection the broker drops,
 * or taken by a broker that fails before it stores it, is lost without a word: the manager would
 * wait up to {@code nightcast.cluster.timeout} for a partition no host can ever get. With it, a
 * request the broker did not confirm fails the send, and the manager stops with the reason
 * ({@link LeasedPartitionHandler}). Needs {@code spring.rabbitmq.publisher-confirm-type=simple}
 * ({@code application.yml}).
 */
final class ConfirmedRequests implements MessageHandler {

    /** A confirm takes milliseconds; a broker that has not confirmed in this long is not going to. */
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(30);

    private final RabbitTemplate rabbit;
    private final String queue;

    ConfirmedRequests(RabbitTemplate rabbit, String queue) {
        this.rabbit = rabbit;
        this.queue = queue;
    }

    @Override
    public void handleMessage(Message<?> message) {
        Object request = message.getPayload();
        try {
            rabbit.<Boolean>invoke(template -> {
                template.convertAndSend("", queue, request);
                template.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());
                return true;
            });
        } catch (AmqpException e) {
            throw e;
        } catch (RuntimeException e) {
            // The client's own exceptions (a channel closed while waiting for the confirm) as Spring's.
            throw RabbitExceptionTranslator.convertRabbitAccessException(e);
        }
    }
}
