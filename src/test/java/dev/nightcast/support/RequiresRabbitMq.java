package dev.nightcast.support;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class that needs a real RabbitMQ broker, named by {@code NIGHTCAST_TEST_RABBITMQ_URI}
 * (e.g. {@code amqp://guest:guest@127.0.0.1:5672}; default that one). When none answers there, the
 * class is skipped with the reason on a developer machine, but fails in CI ({@code CI=true}, where
 * {@code .ci/run} starts one): a cluster test must never pass without a broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresRabbitMq.Condition.class)
public @interface RequiresRabbitMq {

    String URI_VARIABLE = "NIGHTCAST_TEST_RABBITMQ_URI";

    /** The broker the tests use. */
    final class Broker {

        private Broker() {}

        public static URI uri() {
            String configured = System.getenv(URI_VARIABLE);
            return URI.create(
                    configured == null || configured.isBlank() ? "amqp://guest:guest@127.0.0.1:5672" : configured);
        }
    }

    /** The JUnit condition behind the annotation. */
    class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            URI uri = Broker.uri();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 5672 : uri.getPort()), 2000);
                return ConditionEvaluationResult.enabled("RabbitMQ answers at " + uri.getHost() + ":" + uri.getPort());
            } catch (IOException e) {
                String reason = "No RabbitMQ for the cluster tests at " + uri.getHost() + ":" + uri.getPort() + " ("
                        + e.getMessage() + "); set " + URI_VARIABLE + " or start one (rabbitmq-server -detached)";
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    throw new IllegalStateException(reason + ": required in CI");
                }
                return ConditionEvaluationResult.disabled(reason);
            }
        }
    }
}
