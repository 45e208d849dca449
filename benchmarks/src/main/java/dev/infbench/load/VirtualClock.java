package dev.infbench.load;

/**
 * A clock that moves only when told: waiting jumps to the deadline, and a fake backend {@link #advance}s it by its
 * service time. One thread at a time.
 */
public final class VirtualClock implements Clock {
    private long now;

    @Override
    public long nanos() {
        return now;
    }

    @Override
    public void waitUntil(long deadline) {
        now = Math.max(now, deadline);
    }

    /** Time passes: {@code nanos} of work. */
    public void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("time runs forward, not by " + nanos);
        }
        now += nanos;
    }
}
