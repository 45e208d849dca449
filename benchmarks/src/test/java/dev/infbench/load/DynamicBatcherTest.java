package dev.infbench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The batcher on a virtual clock, with a backend whose call costs a fixed part plus a part per sample. */
class DynamicBatcherTest {
    private static final long FIXED = 2_000_000; // 2 ms a call
    private static final long PER_SAMPLE = 500_000; // 0.5 ms a sample: batch 1 serves 400/s, batch 4 1000/s

    private static DynamicBatcher.Result run(double rate, int maxBatch, long maxDelayNs) throws Exception {
        VirtualClock clock = new VirtualClock();
        return DynamicBatcher.run(Arrivals.poisson(rate, 20_000, 9), maxBatch, maxDelayNs, clock,
                (first, size) -> clock.advance(FIXED + PER_SAMPLE * size));
    }

    private static long p99(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(0.99 * sorted.length) - 1];
    }

    @Test
    void withBatchOneItIsTheOpenLoop() throws Exception {
        long[] arrivals = Arrivals.poisson(300, 20_000, 9);
        VirtualClock a = new VirtualClock();
        DynamicBatcher.Result batched = DynamicBatcher.run(arrivals, 1, 5_000_000, a,
                (first, size) -> a.advance(FIXED + PER_SAMPLE * size));
        VirtualClock b = new VirtualClock();
        OpenLoop.Result open = OpenLoop.run(arrivals, b, i -> b.advance(FIXED + PER_SAMPLE));
        assertThat(batched.latencyNs()).containsExactly(open.latencyNs());
        assertThat(batched.batchSizes()).containsOnly(1);
    }

    @Test
    void aboveWhatBatchOneServesBatchingKeepsTheQueueBounded() throws Exception {
        DynamicBatcher.Result single = run(600, 1, 0);
        DynamicBatcher.Result batched = run(600, 4, 2_000_000);
        // 600/s is over batch 1's 400/s: its queue only grows; batches of up to 4 serve up to 1000/s.
        assertThat(p99(batched.latencyNs())).isLessThan(20_000_000);
        assertThat(p99(single.latencyNs())).isGreaterThan(10 * p99(batched.latencyNs()));
        assertThat(batched.meanBatch()).isGreaterThan(1.5);
        assertThat(batched.achievedPerS()).isGreaterThan(0.95 * batched.offeredPerS());
        assertThat(single.achievedPerS()).isLessThan(0.75 * single.offeredPerS());
    }

    @Test
    void atLowLoadTheWaitForABatchIsLatencyTooAndEveryRequestIsServedOnce() throws Exception {
        long delay = 3_000_000;
        DynamicBatcher.Result single = run(50, 1, 0);
        DynamicBatcher.Result batched = run(50, 4, delay);
        double meanSingle = Arrays.stream(single.latencyNs()).average().orElseThrow();
        double meanBatched = Arrays.stream(batched.latencyNs()).average().orElseThrow();
        // Few requests arrive within 3 ms of each other at 50/s: most batches time out with one request, late.
        assertThat(meanBatched).isGreaterThan(meanSingle + 0.5 * delay)
                .isLessThan(meanSingle + delay + 2 * PER_SAMPLE);
        assertThat(Arrays.stream(batched.batchSizes()).sum()).isEqualTo(20_000);
        assertThat(Arrays.stream(batched.batchSizes()).max().orElseThrow()).isLessThanOrEqualTo(4);
    }
}
