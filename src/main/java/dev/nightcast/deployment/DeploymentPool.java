package dev.nightcast.deployment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.RealtimeGateway;
import dev.nightcast.realtime.RealtimeSession;
import dev.nightcast.realtime.SessionSettings;
import dev.nightcast.throughput.ThrottledGateway;

/**
 * A {@link RealtimeGateway} over several deployments of the same model, each behind a
 * {@link ThrottledGateway} of its own (its own learned limit, its own {@code max-sessions}) and a
 * {@link DeploymentHealth} of its own.
 *
 * <p>{@link #open} sends the session, in this order of preference, to: a deployment that is down
 * and due for its probe; the deployment that is up, has room and holds the fewest sessions for its
 * weight (among equals, the first after this pool's own starting point, see below); when none is
 * up any more, a deployment that is down and has room (every call is then a
 * real attempt, and the run's outage breaker judges them as with one deployment). With deployments
 * up but none with room, it waits. A session stays on its deployment for its life.
 *
 * <p>A deployment that refuses the configuration is out for the run; its failure reaches the caller
 * as {@link FailureKind#TRANSIENT} (so the call is recorded, and made again on another deployment
 * without counting against the episode) while another deployment is not out, and as
 * {@link FailureKind#CONFIGURATION} naming every deployment's refusal once all are out.
 *
 * <p>Each pool starts its preference among equally loaded deployments at its own one (the gateway
 * factory picks it at random): worker hosts
 * of a cluster each have a pool over the same deployments and do not see each other's sessions, and
 * if every host began with the first deployment, the first would get every host's first sessions
 * and answer the surplus with 429s while the others idled (measured: 23 refusals in a 24-episode
 * run on 3 hosts before, see DESIGN).
 *
 * <p>One pool per run: its health starts afresh. Thread-safe.
 */
public final class DeploymentPool implements RealtimeGateway {

    /** Longest wait before looking again for room: probes and quota pauses fall due without a signal. */
    private static final long RECHECK_MILLIS = 100;

    /**
     * One deployment as the run configures it.
     *
     * @param gateway the deployment's bare gateway (its {@link RealtimeGateway#deployment()} names it)
     * @param maxSessions its own cap of sessions at once, or null for the run's {@code concurrency}
     * @param weight its share of sessions relative to the others'
     */
    public record Member(RealtimeGateway gateway, @Nullable Integer maxSessions, double weight) {}

    /** @param setting where it is configured, for messages that say what to fix */
    private record Deployment(
            int order, String name, String setting, double weight, ThrottledGateway gateway, DeploymentHealth health) {

        double load() {
            return gateway.sessions() / weight;
        }
    }

    private record Choice(Deployment deployment, boolean probe) {}

    private final String model;
    private final List<Deployment> deployments;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition roomChanged = lock.newCondition();
    private int waiting;

    /**
     * @param model the model every deployment serves, as fingerprints and prices name it
     * @param concurrency the run's sessions in flight in all; each deployment's limit starts at this
     *     or its {@code maxSessions}, whichever is lower
     * @param requestsPerMinute {@code max-requests-per-minute}, per deployment (each has its own quota)
     * @param probeAfter how long a deployment that is down gets no new session before a probe
     */
    /**
     * @param model the model every deployment serves, as fingerprints and prices name it
     * @param concurrency the run's sessions in flight in all; each deployment's limit starts at this
     *     or its {@code maxSessions}, whichever is lower
     * @param requestsPerMinute {@code max-requests-per-minute}, per deployment (each has its own quota)
     * @param probeAfter how long a deployment that is down gets no new session before a probe
     * @param firstPreferred the deployment (by index) preferred first among equally loaded ones
     */
    public DeploymentPool(
            String model,
            List<Member> members,
            int concurrency,
            int requestsPerMinute,
            Duration probeAfter,
            Clock clock,
            int firstPreferred) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a deployment pool needs at least one deployment");
        }
        this.model = model;
        List<Deployment> built = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            Integer maxSessions = member.maxSessions();
            int limit = maxSessions == null ? concurrency : Math.min(concurrency, maxSessions);
            String name = member.gateway().deployment();
            // Rotated so that this pool's preference among equals starts at firstPreferred.
            int order = Math.floorMod(i - firstPreferred, members.size());
            built.add(new Deployment(
                    order,
                    name,
                    "nightcast.gateway.deployments[" + i + "]",
                    member.weight(),
                    new ThrottledGateway(member.gateway(), limit, requestsPerMinute, this::signal),
                    new DeploymentHealth(name, probeAfter, clock)));
        }
        this.deployments = List.copyOf(built);
    }

    @Override
    public RealtimeSession open(SessionSettings settings) throws RealtimeException {
        while (true) {
            Choice choice = awaitChoice();
            Deployment deployment = choice.deployment();
            RealtimeSession session;
            try {
                session = deployment.gateway().tryOpen(settings);
            } catch (RealtimeException e) {
                throw failed(deployment, e, null, choice.probe());
            }
            if (session != null) {
                return new PooledSession(session, deployment.health(), choice.probe(), this);
            }
            // Another caller took the room between the choice and the opening: choose again.
            if (choice.probe()) {
                deployment.health().probeAbandoned();
            }
        }
    }

    private Choice awaitChoice() throws RealtimeException {
        lock.lock();
        try {
            waiting++;
            try {
                while (true) {
                    if (deployments.stream().allMatch(d -> d.health().isOut())) {
                        throw everyDeploymentRefused(null);
                    }
                    Choice choice = choose();
                    if (choice != null) {
                        return choice;
                    }
                    roomChanged.await(RECHECK_MILLIS, TimeUnit.MILLISECONDS);
                }
            } finally {
                waiting--;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RealtimeException(
                    FailureKind.TRANSIENT,
                    "interrupted",
                    "interrupted while waiting for room on a deployment",
                    null,
                    e);
        } finally {
            lock.unlock();
        }
    }

    /** The deployment the next session goes to, or null when none may take one now. */
    private @Nullable Choice choose() {
        for (Deployment d : deployments) {
            if (d.gateway().hasRoom() && d.health().claimProbe()) {
                return new Choice(d, true);
            }
        }
        Comparator<Deployment> leastLoaded =
                Comparator.comparingDouble(Deployment::load).thenComparingInt(Deployment::order);
        var up = deployments.stream().filter(d -> d.health().isUp()).toList();
        if (!up.isEmpty()) {
            return up.stream()
                    .filter(d -> d.gateway().hasRoom())
                    .min(leastLoaded)
                    .map(d -> new Choice(d, false))
                    .orElse(null);
        }
        // None is up: every call is an attempt on a deployment that is down, the longest down first.
        return deployments.stream()
                .filter(d -> d.health().state() == DeploymentHealth.State.DOWN
                        && d.gateway().hasRoom())
                .min(Comparator.comparing((Deployment d) -> downSince(d)).thenComparing(leastLoaded))
                .map(d -> new Choice(d, false))
                .orElse(null);
    }

    private static Instant downSince(Deployment d) {
        Instant since = d.health().downSince();
        return since != null ? since : Instant.MAX;
    }

    /**
     * Tells the deployment's health of a failed call and returns what the caller gets: a refused
     * configuration becomes transient while another deployment is not out.
     *
     * @param episodeId the episode of a failed response; null while connecting
     */
    RealtimeException failed(DeploymentHealth health, RealtimeException e, @Nullable String episodeId, boolean probe) {
        if (e.kind() != FailureKind.CONFIGURATION) {
            health.failed(e, episodeId, probe);
            return e;
        }
        health.refused(e);
        signal();
        String failedOn = e.deployment();
        String name = failedOn != null ? failedOn : "?";
        String setting = deployments.stream()
                .filter(d -> d.name().equals(name))
                .map(Deployment::setting)
                .findFirst()
                .orElse("nightcast.gateway.deployments");
        if (deployments.stream().allMatch(d -> d.health().isOut())) {
            return everyDeploymentRefused(e);
        }
        return new RealtimeException(
                        FailureKind.TRANSIENT,
                        e.code(),
                        "deployment " + name
                                + " refused the configuration and is out of this run (check " + setting
                                + ".*); the other deployments carry it: " + e.getMessage(),
                        null,
                        e)
                .failedOn(name);
    }

    private RealtimeException failed(
            Deployment deployment, RealtimeException e, @Nullable String episodeId, boolean probe) {
        return failed(deployment.health(), e.failedOn(deployment.name()), episodeId, probe);
    }

    private RealtimeException everyDeploymentRefused(@Nullable RealtimeException last) {
        String reasons = deployments.stream()
                .map(d -> d.name() + " (" + d.setting() + ".*): " + d.health().outReason())
                .collect(Collectors.joining("\n    "));
        return new RealtimeException(
                FailureKind.CONFIGURATION,
                last != null ? last.code() : "every_deployment_out",
                "every deployment refused the configuration:\n    " + reasons,
                null,
                last);
    }

    /** Room may have been made, or a deployment's health changed: waiting callers look again. */
    void signal() {
        lock.lock();
        try {
            roomChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean hasRoom() {
        lock.lock();
        try {
            return waiting == 0
                    && deployments.stream()
                            .anyMatch(d -> d.health().isUp() && d.gateway().hasRoom());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public String deployment() {
        return deployments.stream().map(Deployment::name).collect(Collectors.joining(", "));
    }

    /** One line per deployment for the end of the run: up, down since when, or out and why. */
    public List<String> describe() {
        return deployments.stream()
                .map(d ->
                        d.health().describe() + ", learned limit " + d.gateway().inFlightLimit() + " sessions")
                .toList();
    }

    /**
     * How one deployment stands.
     *
     * @param state {@code UP}, {@code DOWN} or {@code OUT}
     * @param note why it is down or out, or that it was down; null when there is nothing to say
     */
    public record Standing(
            String deployment, String state, @Nullable String note) {}

    /** How every deployment stands now, in the configured order. */
    public List<Standing> standings() {
        return deployments.stream()
                .map(d -> new Standing(
                        d.name(), d.health().state().name(), d.health().note()))
                .toList();
    }

    /** The health of the deployment named {@code name}, for tests. */
    DeploymentHealth health(String name) {
        return deployments.stream()
                .filter(d -> d.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no deployment " + name))
                .health();
    }

    @Override
    public String toString() {
        return "DeploymentPool[" + deployment() + "]";
    }
}
