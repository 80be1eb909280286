package dev.nightcast.throughput;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/**
 * The clock and the waiting of the throttle, in nanoseconds, replaced in tests by a fake that
 * advances its clock instead of waiting, so the limiter's arithmetic is tested without sleeps.
 */
interface ThrottleTime {

    /** Wait for a signal only; no deadline. */
    long UNTIL_SIGNALLED = Long.MAX_VALUE;

    long nanoTime();

    void sleep(long nanos) throws InterruptedException;

    /**
     * Waits on {@code condition} (its lock held) for a signal or at most {@code nanos}
     * ({@link #UNTIL_SIGNALLED}: no limit).
     */
    void await(Condition condition, long nanos) throws InterruptedException;

    ThrottleTime SYSTEM = new ThrottleTime() {

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }

        @Override
        public void await(Condition condition, long nanos) throws InterruptedException {
            if (nanos == UNTIL_SIGNALLED) {
                condition.await();
            } else {
                condition.awaitNanos(nanos);
            }
        }
    };
}
