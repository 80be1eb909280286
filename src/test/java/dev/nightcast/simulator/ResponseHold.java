package dev.nightcast.simulator;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Holds matching responses after {@code response.created} (and the item and part events) until
 * {@link #release()}: they count as in flight but stream no audio. Lets a test pin one episode
 * "in progress" for as long as it likes, without timing. Obtained from
 * {@link ScriptedSimulator#holdResponses}; thread-safe.
 */
public final class ResponseHold {

    private final Predicate<Narration> which;
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger waiting = new AtomicInteger();

    ResponseHold(Predicate<Narration> which) {
        this.which = which;
    }

    /** Lets every held response stream on, and stops holding new ones. */
    public void release() {
        released.countDown();
    }

    /** Responses waiting on this hold right now. */
    public int waiting() {
        return waiting.get();
    }

    boolean holds(Narration narration) {
        return !isReleased() && which.test(narration);
    }

    boolean isReleased() {
        return released.getCount() == 0;
    }

    void await() throws InterruptedException {
        waiting.incrementAndGet();
        try {
            released.await();
        } finally {
            waiting.decrementAndGet();
        }
    }
}
