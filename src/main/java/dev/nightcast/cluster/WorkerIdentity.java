package dev.nightcast.cluster;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * This process as a worker host: the id its lease, partitions and claims carry (host name, process
 * id and a random part, so a restarted container with the same name is a new host), and whether it
 * is leaving (SIGTERM): a leaving host claims no new episode. Thread-safe.
 */
@Component
public class WorkerIdentity {

    private final String id;
    private volatile boolean leaving;

    public WorkerIdentity() {
        this(hostName() + "/" + ManagementFactory.getRuntimeMXBean().getPid() + "/"
                + UUID.randomUUID().toString().substring(0, 8));
    }

    WorkerIdentity(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public boolean leaving() {
        return leaving;
    }

    /** From now on this host claims no new episode; those in flight finish and commit. */
    public void leave() {
        leaving = true;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
