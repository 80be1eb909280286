package dev.nightcast.cluster;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.nightcast.store.WorkerLeases;

/**
 * Renews a worker host's lease every {@code heartbeat} on a thread of its own, for as long as the
 * host runs; ending it ends the lease at once (the host left cleanly). A renewal that fails (the
 * database unreachable) is logged and tried again at the next beat: once the lease has passed, the
 * manager counts the host's partitions lost and other hosts take its episodes over.
 */
final class Heartbeat implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

    private final WorkerLeases leases;
    private final WorkerIdentity host;
    private final ClusterProperties cluster;
    private final ScheduledExecutorService beats;

    private Heartbeat(WorkerLeases leases, WorkerIdentity host, ClusterProperties cluster) {
        this.leases = leases;
        this.host = host;
        this.cluster = cluster;
        this.beats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "heartbeat");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Takes the lease now (a database that cannot be reached fails here, before any work) and keeps it. */
    static Heartbeat start(WorkerLeases leases, WorkerIdentity host, ClusterProperties cluster) {
        leases.renew(host.id(), cluster.lease());
        Heartbeat heartbeat = new Heartbeat(leases, host, cluster);
        long every = cluster.heartbeat().toMillis();
        heartbeat.beats.scheduleAtFixedRate(heartbeat::beat, every, every, TimeUnit.MILLISECONDS);
        return heartbeat;
    }

    private void beat() {
        try {
            leases.renew(host.id(), cluster.lease());
        } catch (RuntimeException e) {
            log.warn(
                    "Could not renew this worker host's lease ({}); other hosts take its episodes over if it "
                            + "stays unrenewed for {}",
                    e.getMessage(),
                    cluster.lease());
        }
    }

    @Override
    public void close() {
        beats.shutdownNow();
        try {
            leases.end(host.id());
        } catch (RuntimeException e) {
            log.warn("Could not end this worker host's lease ({}); it expires by itself", e.getMessage());
        }
    }
}
