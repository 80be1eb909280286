package dev.nightcast.simulator;

import java.util.concurrent.atomic.AtomicInteger;

/** A count that goes up and down, and the highest value it ever reached. Thread-safe. */
final class Gauge {

    private final AtomicInteger current = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    void increment() {
        peak.accumulateAndGet(current.incrementAndGet(), Math::max);
    }

    /** Increments unless that would pass {@code max}; a {@code max} of 0 or less means no limit. */
    boolean tryIncrement(int max) {
        while (true) {
            int now = current.get();
            if (max > 0 && now >= max) {
                return false;
            }
            if (current.compareAndSet(now, now + 1)) {
                peak.accumulateAndGet(now + 1, Math::max);
                return true;
            }
        }
    }

    void decrement() {
        current.decrementAndGet();
    }

    int current() {
        return current.get();
    }

    int peak() {
        return peak.get();
    }

    /** Forgets the peak: from now on it is the highest value reached after this call. */
    void resetPeak() {
        peak.set(current.get());
    }
}
