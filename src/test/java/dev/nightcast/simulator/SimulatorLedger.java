package dev.nightcast.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * What the simulator saw and what it was told to do wrong. Thread-safe: every connection writes
 * here. Counters and gauges are exact; the recorded handshakes, narrations and client events keep
 * only the latest {@value #HISTORY}, because tests and the benchmark also run whole nightly runs on it.
 */
final class SimulatorLedger {

    static final int HISTORY = 1_000;

    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger responsesCreated = new AtomicInteger();
    private final AtomicInteger sessionsRefused = new AtomicInteger();
    private final AtomicLong audioBytes = new AtomicLong();
    private final Gauge sessions = new Gauge();
    private final Gauge responses = new Gauge();
    private final List<ResponseHold> holds = new CopyOnWriteArrayList<>();
    private final Deque<RecordedHandshake> handshakes = new ArrayDeque<>();
    private final Deque<Narration> narrations = new ArrayDeque<>();
    private final Deque<String> clientEvents = new ArrayDeque<>();
    private final Queue<Fault.OnHandshake> handshakeFaults = new ConcurrentLinkedQueue<>();
    private final Queue<Fault.OnResponse> responseFaults = new ConcurrentLinkedQueue<>();
    private volatile Fault.OnHandshake outage;

    void handshake(RecordedHandshake handshake) {
        connections.incrementAndGet();
        remember(handshakes, handshake);
    }

    void clientEvent(String json) {
        remember(clientEvents, json);
    }

    void responseCreated(Narration narration) {
        responsesCreated.incrementAndGet();
        remember(narrations, narration);
    }

    /** Counts a new session unless {@code max} are open already (0: no limit); false when refused. */
    boolean trySessionStart(int max) {
        if (sessions.tryIncrement(max)) {
            return true;
        }
        sessionsRefused.incrementAndGet();
        return false;
    }

    void sessionEnded() {
        sessions.decrement();
    }

    void responseStarted() {
        responses.increment();
    }

    void responseEnded() {
        responses.decrement();
    }

    void audioSent(long bytes) {
        audioBytes.addAndGet(bytes);
    }

    Gauge sessions() {
        return sessions;
    }

    Gauge responses() {
        return responses;
    }

    int sessionsRefused() {
        return sessionsRefused.get();
    }

    long audioBytes() {
        return audioBytes.get();
    }

    ResponseHold hold(Predicate<Narration> which) {
        ResponseHold hold = new ResponseHold(which);
        holds.add(hold);
        return hold;
    }

    /** The first unreleased hold that applies to this narration, or null. */
    ResponseHold holdFor(Narration narration) {
        holds.removeIf(ResponseHold::isReleased);
        return holds.stream().filter(hold -> hold.holds(narration)).findFirst().orElse(null);
    }

    void enqueue(Fault fault) {
        if (fault instanceof Fault.OnHandshake onHandshake) {
            handshakeFaults.add(onHandshake);
        } else if (fault instanceof Fault.AfterResponses after) {
            synchronized (responseFaults) {
                for (int i = 0; i < after.responses(); i++) {
                    responseFaults.add(new Fault.Pass());
                }
                responseFaults.add(after.fault());
            }
        } else {
            responseFaults.add((Fault.OnResponse) fault);
        }
    }

    /** Answers every handshake with {@code rejection} (after the queued faults) until {@link #endOutage}. */
    void startOutage(Fault.OnHandshake rejection) {
        outage = rejection;
    }

    void endOutage() {
        outage = null;
    }

    /** The next queued handshake fault, else the outage's, or null. */
    Fault.OnHandshake nextHandshakeFault() {
        Fault.OnHandshake queued = handshakeFaults.poll();
        return queued != null ? queued : outage;
    }

    /** The next response fault, or null. */
    Fault.OnResponse nextResponseFault() {
        return responseFaults.poll();
    }

    int connections() {
        return connections.get();
    }

    int responsesCreated() {
        return responsesCreated.get();
    }

    List<RecordedHandshake> handshakes() {
        return copy(handshakes);
    }

    List<Narration> narrations() {
        return copy(narrations);
    }

    List<String> clientEvents() {
        return copy(clientEvents);
    }

    private static <T> void remember(Deque<T> history, T item) {
        synchronized (history) {
            if (history.size() == HISTORY) {
                history.removeFirst();
            }
            history.addLast(item);
        }
    }

    private static <T> List<T> copy(Deque<T> history) {
        synchronized (history) {
            return List.copyOf(history);
        }
    }
}
