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

    /**
     * The figures of one run.
     *
     * @param latencyNs   per request, done − due
     * @param batchSizes  the size of each call, in the order run
     * @param offeredPerS requests over the last arrival's offset
     * @param achievedPerS requests over the time to the last one done
     */
    public record Result(long[] latencyNs, int[] batchSizes, double offeredPerS, double achievedPerS) {
        /** The mean batch size. */
        public double meanBatch() {
            double sum = 0;
            for (int b : batchSizes) {
                sum += b;
            }
            return batchSizes.length == 0 ? Double.NaN : sum / batchSizes.length;
        }
    }

    public static Result run(long[] arrivalsNs, int maxBatch, long maxDelayNs, Clock clock, BatchCall call)
            throws Exception {
        if (maxBatch < 1 || maxDelayNs < 0) {
            throw new IllegalArgumentException("a batcher needs max_batch >= 1 and max_delay >= 0, not " + maxBatch
                    + " and " + maxDelayNs + " ns");
        }
        int n = arrivalsNs.length;
        long[] latency = new long[n];
        int[] sizes = new int[n];
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
            long deadline = Math.max(clock.nanos(), Math.min(fillDue, oldestDue + maxDelayNs));
            clock.waitUntil(deadline);
            long now = clock.nanos();
            int size = 0;
            while (next + size < n && size < maxBatch && start + arrivalsNs[next + size] <= now) {
                size++;
            }
            call.run(next, size);
            long done = clock.nanos();
            for (int i = next; i < next + size; i++) {
                latency[i] = done - (start + arrivalsNs[i]);
            }
            sizes[calls++] = size;
            next += size;
            lastDone = done;
        }
        double offered = n == 0 || arrivalsNs[n - 1] <= 0 ? Double.NaN : n / (arrivalsNs[n - 1] / 1e9);
        double achieved = n == 0 || lastDone <= start ? Double.NaN : n / ((lastDone - start) / 1e9);
        return new Result(latency, java.util.Arrays.copyOf(sizes, calls), offered, achieved);
    }
}
