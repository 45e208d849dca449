package dev.infbench.load;

/**
 * Open-loop arrivals on one server that batches as Triton and TorchServe do: when the server is free it takes the
 * requests that have arrived, up to {@code maxBatch}; with fewer than that it waits for more until the oldest of them
 * has waited {@code maxDelayNs}, then runs them as one call. Each request's latency counts from when it was due, as
 * in {@link OpenLoop}, so the wait for a batch to fill is latency too. With {@code maxBatch} 1 it is the open loop.
 */
public final class DynamicBatcher {
    private DynamicBatcher() {
    }

    /** One batched call: requests {@code first} to {@code first + size - 1}, in arrival order. */
    @FunctionalInterface
    public interface BatchCall {
        void run(int first, int size) throws Exception;
    }

    /** Asked after each call whether to go on, given the requests served so far. */
    @FunctionalInterface
    public interface Progress {
        boolean goOn(int served, Result sofar);
    }

    /**
     * The figures of one run; arrays hold one value per request (or per call for {@code batchSizes} and
     * {@code latenessNs}), trimmed to the {@code served} requests and {@code calls} calls made (during the run, as a
     * {@link Progress} check sees them, they are the run's own arrays, filled that far).
     *
     * @param latencyNs    per request, done − due
     * @param serviceNs    per request, the duration of the call that served it
     * @param doneNs       per request, when its call ended, from the start
     * @param batchSizes   the size of each call, in the order run
     * @param latenessNs   per call, taken − max(when it meant to start, the previous call's end): the loop's and the
     *                     clock's own delay (zero on a virtual clock)
     * @param served       requests served (all of them unless the progress check stopped the run early)
     * @param calls        calls made
     * @param offeredPerS  the schedule's rate over the requests served: requests over the last one's arrival
     * @param achievedPerS requests served over the time to the last one done
     */
    public record Result(long[] latencyNs, long[] serviceNs, long[] doneNs, int[] batchSizes, long[] latenessNs,
                         int served, int calls, double offeredPerS, double achievedPerS) {
        /** The mean batch size. */
        public double meanBatch() {
            double sum = 0;
            for (int i = 0; i < calls; i++) {
                sum += batchSizes[i];
            }
            return calls == 0 ? Double.NaN : sum / calls;
        }
    }

    public static Result run(long[] arrivalsNs, int maxBatch, long maxDelayNs, Clock clock, BatchCall call)
            throws Exception {
        return run(arrivalsNs, maxBatch, maxDelayNs, clock, call, (served, sofar) -> true);
    }

    /** As {@link #run(long[], int, long, Clock, BatchCall)}, stopping after a call when {@code progress} says so. */
    public static Result run(long[] arrivalsNs, int maxBatch, long maxDelayNs, Clock clock, BatchCall call,
                             Progress progress) throws Exception {
        if (maxBatch < 1 || maxDelayNs < 0) {
            throw new IllegalArgumentException("a batcher needs max_batch >= 1 and max_delay >= 0, not " + maxBatch
                    + " and " + maxDelayNs + " ns");
        }
        int n = arrivalsNs.length;
        for (int i = 1; i < n; i++) {
            if (arrivalsNs[i] < arrivalsNs[i - 1]) {
                throw new IllegalArgumentException("arrivals must ascend (request " + i + ")");
            }
        }
        long[] latency = new long[n];
        long[] service = new long[n];
        long[] doneAt = new long[n];
        int[] sizes = new int[n];
        long[] lateness = new long[n];
        int calls = 0;
        long start = clock.nanos();
        long lastDone = start;
        int next = 0; // the first request not yet served
        while (next < n) {
            // The server is free: wait for the first request, then for the batch to fill or its oldest to time out.
            long oldestDue = start + arrivalsNs[next];
            clock.waitUntil(oldestDue);
            int last = Math.min(n, next + maxBatch) - 1; // the request that would fill the batch
            long fillDue = start + arrivalsNs[last];
            long meant = Math.max(lastDone, Math.min(fillDue, oldestDue + maxDelayNs));
            clock.waitUntil(meant);
            long now = clock.nanos();
            int size = 0;
            while (next + size < n && size < maxBatch && start + arrivalsNs[next + size] <= now) {
                size++;
            }
            call.run(next, size);
            long done = clock.nanos();
            for (int i = next; i < next + size; i++) {
                latency[i] = done - (start + arrivalsNs[i]);
                service[i] = done - now;
                doneAt[i] = done - start;
            }
            lateness[calls] = Math.max(0, now - meant);
            sizes[calls++] = size;
            next += size;
            lastDone = done;
            // The arrays as they stand, not copies: a check after every call must not cost a pass over them.
            if (next < n && !progress.goOn(next, result(arrivalsNs, latency, service, doneAt, sizes, lateness, next,
                    calls, start, lastDone, false))) {
                break;
            }
        }
        return result(arrivalsNs, latency, service, doneAt, sizes, lateness, next, calls, start, lastDone, true);
    }

    private static Result result(long[] arrivalsNs, long[] latency, long[] service, long[] doneAt, int[] sizes,
                                 long[] lateness, int served, int calls, long start, long lastDone, boolean trim) {
        double offered = served == 0 || arrivalsNs[served - 1] <= 0 ? Double.NaN
                : served / (arrivalsNs[served - 1] / 1e9);
        double achieved = served == 0 || lastDone <= start ? Double.NaN : served / ((lastDone - start) / 1e9);
        if (trim) {
            return new Result(java.util.Arrays.copyOf(latency, served), java.util.Arrays.copyOf(service, served),
                    java.util.Arrays.copyOf(doneAt, served), java.util.Arrays.copyOf(sizes, calls),
                    java.util.Arrays.copyOf(lateness, calls), served, calls, offered, achieved);
        }
        return new Result(latency, service, doneAt, sizes, lateness, served, calls, offered, achieved);
    }
}
