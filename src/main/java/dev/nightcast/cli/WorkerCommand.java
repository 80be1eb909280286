package dev.nightcast.cli;

import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;
import sun.misc.Signal;

import dev.nightcast.cluster.ClusterDatabase;
import dev.nightcast.cluster.WorkerHost;
import dev.nightcast.job.UsageException;
import dev.nightcast.run.ExitCodes;

/**
 * {@code worker}: runs this host as a worker of a cluster (see docs/DESIGN.md, "Several hosts") until
 * SIGTERM or SIGINT. The first signal lets the episodes in flight here finish and commit, then the
 * process exits 0; a second one halts at once (exit 1), and the host's episodes in flight are taken
 * over by other hosts once its lease passes.
 */
@Component
public class WorkerCommand implements NightcastCommand {

    private static final Logger log = LoggerFactory.getLogger(WorkerCommand.class);

    private final WorkerHost host;
    private final ClusterDatabase database;

    public WorkerCommand(WorkerHost host, ClusterDatabase database) {
        this.host = host;
        this.database = database;
    }

    @Override
    public String name() {
        return "worker";
    }

    @Override
    public String synopsis() {
        return "worker [--nightcast.cluster.slots=N]      run partitions of cluster runs until SIGTERM "
                + "(PostgreSQL + RabbitMQ)";
    }

    @Override
    public int run(ApplicationArguments args) throws Exception {
        if (args.containsOption("params")) {
            throw new UsageException("worker takes no --params: it runs partitions of whatever run a manager starts");
        }
        database.problem().ifPresent(problem -> {
            throw new UsageException(problem);
        });
        AtomicInteger signals = new AtomicInteger();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (signals.incrementAndGet() == 1) {
                        log.warn(
                                "SIG{}: this worker host takes no new episode, finishes those in flight, then exits",
                                signal.getName());
                        host.leave();
                    } else {
                        log.error(
                                "SIG{} again: leaving at once; other hosts take over this host's episodes once "
                                        + "its lease passes",
                                signal.getName());
                        Runtime.getRuntime().halt(ExitCodes.JOB_FAILED);
                    }
                });
            } catch (IllegalArgumentException unsupported) {
                log.debug("SIG{} cannot be handled here: {}", name, unsupported.getMessage());
            }
        }
        host.run();
        return ExitCodes.ALL_DONE;
    }
}
