package dev.infbench.load;

/**
 * An open-loop run on one server: request i is due at its scheduled arrival, whatever became of the requests before
 * it, and waits while the server is busy with earlier ones (a FIFO queue); its latency counts from when it was due,
 * not from when the server took it, so a slow call delays every request queued behind it as a user would see it (no
 * coordinated omission). The arrivals are known in advance (they do not depend on completions), so one thread both
 * releases and serves them: there is no generator thread to fall behind or to compete with the server for a core.
 *
 * <p>What it records per request: the queueing delay (taken − due), the service time (done − taken) and the latency
 * (done − due); and the generator's own lateness: how much after {@code max(due, the previous request's end)} the
 * server actually took the request, which is the clock's and the loop's cost alone (zero on a virtual clock).
 */
public final class OpenLoop {
    private OpenLoop() {
    }

    /** One request's work: the call being measured, given the request's index (to rotate through inputs). */
    @FunctionalInterface
    public interface Call {
        void run(int request) throws Exception;
    }

    /**
     * The figures of one run, nanoseconds per request, in arrival order.
     *
     * @param latencyNs    done − due
     * @param queueingNs   taken − due
     * @param serviceNs    done − taken
     * @param latenessNs   taken − max(due, previous done): the generator's own delay
     * @param offeredPerS  the schedule's rate: requests over the last arrival's offset
     * @param achievedPerS requests over the time from the start to the last one done
     */
    public record Result(long[] latencyNs, long[] queueingNs, long[] serviceNs, long[] latenessNs, double offeredPerS,
                         double achievedPerS) {
        /** The mean of {@code values} in nanoseconds. */
        public static double mean(long[] values) {
            double sum = 0;
            for (long v : values) {
                sum += v;
            }
            return values.length == 0 ? Double.NaN : sum / values.length;
        }
    }

    /** Runs {@code call} for each arrival of {@code arrivalsNs} (offsets from now, ascending) on {@code clock}. */
    public static Result run(long[] arrivalsNs, Clock clock, Call call) throws Exception {
        int n = arrivalsNs.length;
        long[] latency = new long[n];
        long[] queueing = new long[n];
        long[] service = new long[n];
        long[] lateness = new long[n];
        long start = clock.nanos();
        long previousDone = start;
        for (int i = 0; i < n; i++) {
            if (i > 0 && arrivalsNs[i] < arrivalsNs[i - 1]) {
                throw new IllegalArgumentException("arrivals must ascend (request " + i + ")");
            }
            long due = start + arrivalsNs[i];
            clock.waitUntil(due);
            long taken = clock.nanos();
            call.run(i);
            long done = clock.nanos();
            latency[i] = done - due;
            queueing[i] = taken - due;
            service[i] = done - taken;
            lateness[i] = Math.max(0, taken - Math.max(due, previousDone));
            previousDone = done;
        }
        double offered = n == 0 || arrivalsNs[n - 1] <= 0 ? Double.NaN : n / (arrivalsNs[n - 1] / 1e9);
        double achieved = n == 0 || previousDone <= start ? Double.NaN : n / ((previousDone - start) / 1e9);
        return new Result(latency, queueing, service, lateness, offered, achieved);
    }

    /**
     * The closed loop that JMH's SampleTime runs, for comparison: {@code count} calls back to back, each timed from
     * when it was sent; a slow call delays the next one's sending, so the requests that would have queued behind it
     * are never measured (coordinated omission).
     */
    public static long[] closedLoop(int count, Clock clock, Call call) throws Exception {
        long[] latency = new long[count];
        for (int i = 0; i < count; i++) {
            long sent = clock.nanos();
            call.run(i);
            latency[i] = clock.nanos() - sent;
        }
        return latency;
    }
}
