package dev.nightcast.realtime.simulator;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** What the simulator saw and what it was told to do wrong. Thread-safe: every connection writes here. */
final class SimulatorLedger {

    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger responsesCreated = new AtomicInteger();
    private final List<RecordedHandshake> handshakes = new CopyOnWriteArrayList<>();
    private final List<Narration> narrations = new CopyOnWriteArrayList<>();
    private final List<String> clientEvents = new CopyOnWriteArrayList<>();
    private final Queue<Fault.OnHandshake> handshakeFaults = new ConcurrentLinkedQueue<>();
    private final Queue<Fault.OnResponse> responseFaults = new ConcurrentLinkedQueue<>();

    void handshake(RecordedHandshake handshake) {
        connections.incrementAndGet();
        handshakes.add(handshake);
    }

    void clientEvent(String json) {
        clientEvents.add(json);
    }

    void responseCreated(Narration narration) {
        responsesCreated.incrementAndGet();
        narrations.add(narration);
    }

    void enqueue(Fault fault) {
        if (fault instanceof Fault.OnHandshake onHandshake) {
            handshakeFaults.add(onHandshake);
        } else {
            responseFaults.add((Fault.OnResponse) fault);
        }
    }

    /** The next handshake fault, or null. */
    Fault.OnHandshake nextHandshakeFault() {
        return handshakeFaults.poll();
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
        return List.copyOf(handshakes);
    }

    List<Narration> narrations() {
        return List.copyOf(narrations);
    }

    List<String> clientEvents() {
        return List.copyOf(clientEvents);
    }
}
