package dev.nightcast.job;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import dev.nightcast.support.NightcastProcess;
import dev.nightcast.support.PostgresTestDatabase;
import dev.nightcast.support.RequiresRabbitMq;

/**
 * Process tests of cluster mode: worker hosts and managers as separate JVMs on a fresh PostgreSQL
 * schema (the job repository) and a partition queue of the test's own on the RabbitMQ broker,
 * deleted after it. The cluster's timings are short (lease 8 s, heartbeat and poll 500 ms) so that
 * lost hosts and ended runs are seen within a test's patience.
 */
abstract class ClusterProcessTestBase extends ProcessTestBase {

    /** The job repository of this test: a fresh schema. */
    String url;
    /** The partition queue of this test. */
    String queue;

    @BeforeEach
    final void freshSchemaAndQueue() {
        url = PostgresTestDatabase.freshSchemaUrl();
        queue = "nightcast.test." + UUID.randomUUID();
    }

    @AfterEach
    final void deleteQueue() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(RequiresRabbitMq.Broker.uri());
        try (Connection connection = factory.newConnection();
                Channel channel = connection.createChannel()) {
            channel.queueDelete(queue);
        }
    }

    @Override
    TestDatabase database() {
        return new TestDatabase(url, "", "");
    }

    /** The cluster's settings for a process that reaches the broker itself. */
    List<String> clusterArgs() {
        URI uri = RequiresRabbitMq.Broker.uri();
        return clusterArgs(uri.getHost(), uri.getPort() < 0 ? 5672 : uri.getPort());
    }

    /** The cluster's settings for a process that reaches the broker at {@code host:port} (a proxy, say). */
    List<String> clusterArgs(String host, int port) {
        URI uri = RequiresRabbitMq.Broker.uri();
        String[] user = (uri.getUserInfo() == null ? "guest:guest" : uri.getUserInfo()).split(":", 2);
        return List.of(
                "--nightcast.cluster.queue=" + queue,
                "--nightcast.cluster.lease=8s",
                "--nightcast.cluster.heartbeat=500ms",
                "--nightcast.cluster.poll=500ms",
                "--spring.rabbitmq.host=" + host,
                "--spring.rabbitmq.port=" + port,
                "--spring.rabbitmq.username=" + user[0],
                "--spring.rabbitmq.password=" + user[1]);
    }

    /**
     * Starts a worker host on this test's repository, with short segments and quick retries, and
     * {@code settings} (its gateway, slots, the cluster's settings: none of them given twice).
     */
    NightcastProcess startWorker(String name, Map<String, String> environment, List<String> settings) {
        List<String> args = new ArrayList<>(List.of(
                "worker",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=",
                "--spring.datasource.password=",
                "--nightcast.narration.max-segment-words=80",
                "--nightcast.narration.initial-backoff=5ms",
                "--nightcast.narration.max-backoff=20ms"));
        args.addAll(settings);
        NightcastProcess process = NightcastProcess.start(dir, name, environment, args);
        processes.add(process);
        return process;
    }

    /** Starts a manager of the run in {@code params} with {@code settings} (the cluster's, limits…). */
    NightcastProcess startManager(String name, Path params, int concurrency, List<String> settings) {
        List<String> args =
                new ArrayList<>(List.of("--nightcast.cluster.enabled=true", "--concurrency=" + concurrency));
        args.addAll(settings);
        return start(name, params, args.toArray(String[]::new));
    }
}
