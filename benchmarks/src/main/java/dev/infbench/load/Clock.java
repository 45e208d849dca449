package dev.infbench.load;

import java.util.concurrent.locks.LockSupport;

/**
 * The time a load generator schedules by: the machine's monotonic clock in a real run, a virtual one in a
 * discrete-event test ({@link VirtualClock}), so that the same scheduling and latency accounting is tested against
 * queueing theory without wall-clock flakiness.
 */
public interface Clock {
    /** Now, in nanoseconds from an arbitrary origin. */
    long nanos();

    /** Returns at {@code deadline} (or as soon after as the machine allows); at once when it has passed. */
    void waitUntil(long deadline);

    /** {@link System#nanoTime()}, parking until shortly before a deadline and spinning the rest. */
    Clock SYSTEM = new Clock() {
        /** Parking is woken late by up to a scheduler tick: park until this close, then spin. */
        private static final long SPIN_NS = 200_000;

        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public void waitUntil(long deadline) {
            for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                if (left > SPIN_NS) {
                    LockSupport.parkNanos(left - SPIN_NS);
                } else {
                    Thread.onSpinWait();
                }
            }
        }
    };
}
