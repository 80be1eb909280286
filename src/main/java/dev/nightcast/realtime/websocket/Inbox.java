package dev.nightcast.realtime.websocket;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * What OkHttp's reader thread hands to the session's thread, in arrival order.
 *
 * <p>Waking a waiting thread costs a system call and a context switch on both sides; done for each
 * of the ~9 frames per second of audio it was most of the client's CPU. So bulk frames (audio and
 * transcript deltas) wake the consumer only once {@value #BATCH} of them have gathered, and every
 * other item (response and session events, errors, closes, failures) wakes it at once. Nothing is
 * lost or reordered by this: a consumer waiting for a short batch wakes at its timeout and takes
 * what is there, so a slow server is never mistaken for an idle one, only read in larger steps.
 * The price: a server that sends a few deltas and then falls silent is noticed after between one
 * and two idle timeouts instead of one.
 *
 * <p>Thread-safe for one producer and one consumer.
 */
public final class Inbox {

    /** Bulk frames gathered before the consumer is woken: about 2 s of audio, at most ~200 KB. */
    static final int BATCH = 16;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final ArrayDeque<Inbound> items = new ArrayDeque<>();

    /** @param bulk true for frames whose handling can wait for a batch */
    void add(Inbound item, boolean bulk) {
        lock.lock();
        try {
            items.add(item);
            if (!bulk || items.size() >= BATCH) {
                ready.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the next item, waiting up to {@code timeout} while there is none, or a batch of bulk
     * frames is still gathering.
     *
     * @return the next item, or null when nothing arrived in time
     */
    @Nullable
    Inbound poll(Duration timeout) throws InterruptedException {
        long nanos = Math.max(0, timeout.toNanos());
        lock.lockInterruptibly();
        try {
            while (items.isEmpty()) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = ready.awaitNanos(nanos);
            }
            return items.poll();
        } finally {
            lock.unlock();
        }
    }
}
