package dev.nightcast.throughput;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;

/**
 * Time that only moves when the throttle waits: a sleep or a bounded wait advances the clock by
 * exactly its length and is recorded. A wait for another caller's signal really waits (tests with a
 * second thread signal it); with {@link #failOnUnboundedWait} it fails instead, so a
 * single-threaded test sees that the call would block.
 */
final class FakeTime implements ThrottleTime {

    private long now = 1_000_000_000L;
    private final List<Duration> sleeps = new ArrayList<>();
    private final List<Duration> waits = new ArrayList<>();
    private boolean failOnUnboundedWait = true;

    FakeTime allowingUnboundedWaits() {
        failOnUnboundedWait = false;
        return this;
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleep(long nanos) {
        sleeps.add(Duration.ofNanos(nanos));
        now += nanos;
    }

    @Override
    public void await(Condition condition, long nanos) throws InterruptedException {
        if (nanos != UNTIL_SIGNALLED) {
            synchronized (this) {
                waits.add(Duration.ofNanos(nanos));
                now += nanos;
            }
            return;
        }
        if (failOnUnboundedWait) {
            throw new WouldBlock();
        }
        condition.await();
    }

    synchronized void advance(Duration by) {
        now += by.toNanos();
    }

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }

    /** The throttle would have waited for another caller to release room. */
    static final class WouldBlock extends IllegalStateException {

        WouldBlock() {
            super("would wait until another caller releases room");
        }
    }
}
