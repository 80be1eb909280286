package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.nightcast.simulator.Narration;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;
import dev.nightcast.support.BrokerProxy;
import dev.nightcast.support.NightcastProcess;
import dev.nightcast.support.RequiresPostgres;
import dev.nightcast.support.RequiresRabbitMq;

/**
 * The broker going away in cluster mode, for real: worker JVMs and a manager JVM on a PostgreSQL job
 * repository reach RabbitMQ through a {@link BrokerProxy} in this JVM, which the test cuts
 * (every connection reset, new ones refused) and restores. That is what a broker restart or a network
 * cut looks like to the processes, deterministic and without stopping the machine's broker, which
 * other tests and processes share. Five cases: the broker goes away mid-run and comes back; it is
 * unreachable when the manager starts; it is unreachable when a worker host starts; it goes away
 * right after delivering a request to a worker host, before the host's acknowledgement; it takes a
 * request from the manager and goes away without storing it.
 *
 * <p>The machine's broker is never stopped here (other tests and engineers use it). Stopping a real
 * broker mid-run ({@code rabbitmqctl stop_app}, 8 s, {@code start_app}) was checked by hand with the
 * same outcome; this proxy is what a CI run can do deterministically.
 */
@RequiresPostgres
@RequiresRabbitMq
class BrokerOutageProcessTest extends ClusterProcessTestBase {

    private static final int WORDS = 150;
    private static final Duration CLUSTER_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration OUTAGE = Duration.ofSeconds(8);
    /** What a worker host logs once per outage, and once the broker answers again. */
    private static final String BROKER_GONE = "Cannot take partition requests from the broker";

    private static final String BROKER_BACK = "The broker answers again";

    private ScriptedSimulator simulator;
    private BrokerProxy broker;

    @BeforeEach
    void setUp() {
        // 60 s of audio per episode, streamed in about two seconds: the outage falls within the run.
        simulator = ScriptedSimulator.start(
                new SimulatorSettings(30, Duration.ofMillis(100), 150, SimulatorSettings.SERVICE_MAX_OUTPUT_TOKENS));
        URI uri = RequiresRabbitMq.Broker.uri();
        broker = BrokerProxy.to(uri.getHost(), uri.getPort() < 0 ? 5672 : uri.getPort());
    }

    @AfterEach
    void tearDown() throws Exception {
        broker.close();
        simulator.close();
    }

    @Override
    ScriptedSimulator simulator() {
        return simulator;
    }

    @Test
    void theRunFinishesByItselfWhenTheBrokerGoesAwayMidRunAndComesBack() throws Exception {
        Path params = paramsFile(writeEpisodes(12, WORDS));
        List<NightcastProcess> workers = List.of(worker("worker-1", true), worker("worker-2", true));
        // Three partitions on four slots: one slot keeps asking the broker for requests throughout.
        NightcastProcess manager = manager("manager", params, 3, true);
        waitUntil(
                () -> doneEpisodesIfAny() >= 2 && claimed() > 0,
                CLUSTER_TIMEOUT,
                () -> manager.log() + workers.get(0).log());

        broker.cut();
        System.out.println("broker test: broker cut with " + doneEpisodes().size() + " episode(s) done");
        Thread.sleep(OUTAGE.toMillis());
        int doneDuringOutage = doneEpisodes().size();
        broker.restore();
        System.out.println("broker test: broker back with " + doneDuringOutage + " episode(s) done");

        assertThat(manager.waitFor(CLUSTER_TIMEOUT))
                .as("exit code; log:\n%s", manager.log())
                .isZero();
        assertEveryEpisodePublishedOnce();
        assertThat(db().sql("SELECT COUNT(*) FROM batch_job_execution")
                        .query(Long.class)
                        .single())
                .as("one execution: the outage did not fail the run")
                .isEqualTo(1);
        String workerLogs = workers.get(0).log() + workers.get(1).log();
        assertThat(count(workerLogs, BROKER_GONE))
                .as("the host asking the broker logs the outage once, not per poll:\n%s", workerLogs)
                .isEqualTo(1);
        assertThat(count(workerLogs, BROKER_BACK)).as(workerLogs).isEqualTo(1);
        for (NightcastProcess process : List.of(manager, workers.get(0), workers.get(1))) {
            assertThat(process.log())
                    .as("no warning per dropped connection besides the host's own")
                    .doesNotContain("connection driver error");
        }
        leave(workers);
    }

    @Test
    void aManagerThatCannotReachTheBrokerStopsWithAReasonAndTheSameCommandFinishesTheRunLater() throws Exception {
        Path params = paramsFile(writeEpisodes(4, WORDS));
        NightcastProcess worker = worker("worker-1", true);
        // The worker host asks the broker before it goes away, and has seen it go before the manager
        // starts: a manager that fails fast could otherwise have come and gone before the host's first
        // poll, and the host would never meet the outage this test counts.
        waitUntil(() -> worker.log().contains("takes up to"), CLUSTER_TIMEOUT, worker::log);
        broker.cut();
        waitUntil(() -> worker.log().contains(BROKER_GONE), CLUSTER_TIMEOUT, worker::log);

        NightcastProcess first = manager("manager-1", params, 2, true);
        int exit = first.waitFor(CLUSTER_TIMEOUT);
        String log = first.log();
        System.out.println("broker test: the manager without a broker exited " + exit);
        assertThat(exit).as("exit code; log:\n%s", log).isEqualTo(1);
        assertThat(log)
                .as("the reason, on one line, as the run's stop reason")
                .contains("stopped early: Cannot send the run's partitions to the worker hosts: the broker "
                        + "(RabbitMQ at 127.0.0.1:" + broker.port() + ") did not take them")
                .as("no stack trace for a broker that is away")
                .doesNotContain("\tat ");
        assertThat(db().sql("SELECT COUNT(*) FROM episode").query(Long.class).single())
                .as("no episode marked failed (nor anything else)")
                .isZero();
        assertThat(db().sql("SELECT COUNT(*) FROM batch_step_execution WHERE status IN ('STARTING', 'STARTED')")
                        .query(Long.class)
                        .single())
                .as("no partition left as if it were running")
                .isZero();
        assertThat(narrations()).as("nothing narrated without partitions").isEmpty();

        broker.restore();
        NightcastProcess second = manager("manager-2", params, 2, true);
        assertThat(second.waitFor(CLUSTER_TIMEOUT))
                .as("exit code; log:\n%s", second.log())
                .isZero();
        assertEveryEpisodePublishedOnce();
        assertThat(count(worker.log(), BROKER_GONE)).as(worker.log()).isEqualTo(1);
        leave(List.of(worker));
    }

    @Test
    void aWorkerHostStartedWithoutTheBrokerKeepsAskingAndServesTheRunOnceItIsBack() throws Exception {
        Path params = paramsFile(writeEpisodes(4, WORDS));
        broker.cut();
        NightcastProcess worker = worker("worker-1", true);
        waitUntil(() -> worker.log().contains(BROKER_GONE), CLUSTER_TIMEOUT, worker::log);

        // The manager reaches the broker itself: its partitions wait in the queue for the cut-off host.
        NightcastProcess manager = manager("manager", params, 2, false);
        waitUntil(
                () -> db().sql("SELECT COUNT(*) FROM batch_step_execution WHERE step_name LIKE 'narrateWorker%'")
                                .query(Long.class)
                                .single()
                        >= 2,
                CLUSTER_TIMEOUT,
                manager::log);
        Thread.sleep(OUTAGE.toMillis());
        assertThat(worker.isAlive()).as(worker.log()).isTrue();
        assertThat(narrations()).as("no partition reached the cut-off host").isEmpty();
        assertThat(count(worker.log(), BROKER_GONE))
                .as("logged once per outage, not per poll:\n%s", worker.log())
                .isEqualTo(1);

        broker.restore();
        assertThat(manager.waitFor(CLUSTER_TIMEOUT))
                .as("exit code; log:\n%s", manager.log())
                .isZero();
        assertEveryEpisodePublishedOnce();
        assertThat(worker.log()).contains(BROKER_BACK);
        leave(List.of(worker));
    }

    @Test
    void aRequestTheBrokerDeliveredJustBeforeItWentAwayRunsOnceOnTheHostThatTookIt() throws Exception {
        Path params = paramsFile(writeEpisodes(4, WORDS));
        NightcastProcess worker = worker("worker-1", true);
        waitUntil(() -> broker.connections() > 0, CLUSTER_TIMEOUT, worker::log);
        // The host receives a request and records the partition as its own; its acknowledgement
        // cannot reach the broker, which delivers the request again once it is back.
        broker.cutAfterNextGet();
        NightcastProcess manager = manager("manager", params, 2, false);
        waitUntil(broker::isCut, CLUSTER_TIMEOUT, () -> manager.log() + worker.log());
        Thread.sleep(OUTAGE.toMillis());
        assertThat(worker.isAlive())
                .as("the host lives on without the broker; log:\n%s", worker.log())
                .isTrue();

        broker.restore();
        assertThat(manager.waitFor(CLUSTER_TIMEOUT))
                .as("exit code; log:\n%s", manager.log())
                .isZero();
        assertEveryEpisodePublishedOnce();
        String log = worker.log();
        assertThat(count(log, "The broker went away before this host acknowledged the request for partition"))
                .as("the outage logged once, as it was met:\n%s", log)
                .isEqualTo(1);
        assertThat(count(log, BROKER_GONE)).as(log).isZero();
        assertThat(count(log, BROKER_BACK)).as(log).isEqualTo(1);
        assertThat(log).as("the request delivered again is dropped").contains("Dropping request for partition");
        leave(List.of(worker));
    }

    @Test
    void aRequestTheBrokerLostStopsTheManagerWithTheReasonInsteadOfLeavingItWaiting() throws Exception {
        Path params = paramsFile(writeEpisodes(4, WORDS));
        NightcastProcess worker = worker("worker-1", false);
        // The broker takes the manager's first request and fails before storing it.
        broker.loseNextPublish();
        NightcastProcess first = manager("manager-1", params, 2, true);
        int exit = first.waitFor(Duration.ofSeconds(75));
        String log = first.log();
        assertThat(exit).as("exit code; log:\n%s", log).isEqualTo(1);
        assertThat(log)
                .contains("stopped early: Cannot send the run's partitions to the worker hosts: the broker "
                        + "(RabbitMQ at 127.0.0.1:" + broker.port() + ") did not take them");
        assertThat(db().sql("SELECT COUNT(*) FROM batch_step_execution WHERE status IN ('STARTING', 'STARTED')")
                        .query(Long.class)
                        .single())
                .as("no partition left as if it were running")
                .isZero();

        broker.restore();
        NightcastProcess second = manager("manager-2", params, 2, true);
        assertThat(second.waitFor(CLUSTER_TIMEOUT))
                .as("exit code; log:\n%s", second.log())
                .isZero();
        assertEveryEpisodePublishedOnce();
        leave(List.of(worker));
    }

    private void assertEveryEpisodePublishedOnce() throws Exception {
        for (String id : episodes.keySet()) {
            assertPublished(id);
        }
        Map<String, Long> requestsPerSegment = new HashMap<>();
        for (Narration narration : narrations()) {
            requestsPerSegment.merge(narration.episode() + " / " + narration.text(), 1L, Long::sum);
        }
        assertThat(requestsPerSegment).isNotEmpty();
        requestsPerSegment.forEach((segment, count) ->
                assertThat(count).as("narrations of %s", segment).isEqualTo(1));
        assertThat(db().sql("SELECT COUNT(*) FROM cluster_claim WHERE state <> 'DONE'")
                        .query(Long.class)
                        .single())
                .as("no claim left undone")
                .isZero();
        assertThat(db().sql("SELECT COUNT(*) FROM batch_step_execution WHERE status IN ('STARTING', 'STARTED')")
                        .query(Long.class)
                        .single())
                .as("no partition left running")
                .isZero();
    }

    /** Workers leave on SIGTERM, exit 0. */
    private static void leave(List<NightcastProcess> workers) throws InterruptedException {
        for (NightcastProcess worker : workers) {
            worker.terminate();
        }
        for (NightcastProcess worker : workers) {
            assertThat(worker.waitFor(RUN_TIMEOUT))
                    .as("worker exit code; log:\n%s", worker.log())
                    .isZero();
        }
    }

    /** The broker's address for a process: through the proxy the test cuts, or the broker itself. */
    private List<String> clusterArgs(boolean throughProxy) {
        return throughProxy ? clusterArgs("127.0.0.1", broker.port()) : clusterArgs();
    }

    private NightcastProcess worker(String name, boolean throughProxy) {
        List<String> settings = new ArrayList<>(
                List.of("--nightcast.gateway.azure.endpoint=" + simulator.baseUrl(), "--nightcast.cluster.slots=2"));
        settings.addAll(clusterArgs(throughProxy));
        return startWorker(name, Map.of("AZURE_OPENAI_API_KEY", FAKE_KEY), settings);
    }

    private NightcastProcess manager(String name, Path params, int concurrency, boolean throughProxy) {
        return startManager(name, params, concurrency, clusterArgs(throughProxy));
    }

    private int doneEpisodesIfAny() {
        try {
            return doneEpisodes().size();
        } catch (org.springframework.dao.DataAccessException notMigratedYet) {
            return 0;
        }
    }

    private long claimed() {
        return db().sql("SELECT COUNT(*) FROM cluster_claim WHERE state = 'CLAIMED'")
                .query(Long.class)
                .single();
    }

    private static int count(String text, String phrase) {
        int count = 0;
        for (int at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
            count++;
        }
        return count;
    }
}
