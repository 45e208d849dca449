package dev.infbench.harness.stats;

import dev.infbench.harness.HarnessException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-call latencies of a SampleTime cell as JMH keeps them: distinct values (in milliseconds) with how many calls
 * took each. Counts are kept as weights, never expanded into one value per call.
 */
public final class LatencyHistogram {

    /** One bucket: {@code count} calls took {@code valueMs}. */
    public record Bin(double valueMs, long count) {
    }

    /** Sorted by value, one bin per distinct value, no zero counts. */
    private final List<Bin> bins;
    private final long count;

    private LatencyHistogram(TreeMap<Double, Long> counts) {
        List<Bin> list = new ArrayList<>(counts.size());
        long total = 0;
        for (Map.Entry<Double, Long> e : counts.entrySet()) {
            if (e.getValue() > 0) {
                list.add(new Bin(e.getKey(), e.getValue()));
                total += e.getValue();
            }
        }
        this.bins = List.copyOf(list);
        this.count = total;
    }

    /** A histogram of the given bins; bins with equal values are summed. */
    public static LatencyHistogram of(List<Bin> bins) {
        TreeMap<Double, Long> counts = new TreeMap<>();
        for (Bin bin : bins) {
            if (bin.count() < 0 || !Double.isFinite(bin.valueMs())) {
                throw new HarnessException("histogram bin must have a finite value and a count >= 0: " + bin);
            }
            counts.merge(bin.valueMs(), bin.count(), Long::sum);
        }
        return new LatencyHistogram(counts);
    }

    /** All forks' calls together. */
    public static LatencyHistogram pooled(List<LatencyHistogram> parts) {
        List<Bin> all = new ArrayList<>();
        parts.forEach(part -> all.addAll(part.bins));
        return of(all);
    }

    /** Bins in increasing value order. */
    public List<Bin> bins() {
        return bins;
    }

    /** Calls in the histogram (sum of counts). */
    public long count() {
        return count;
    }

    /**
     * The median call (the lower middle value for an even count, as a nearest-rank percentile), or NaN when empty.
     */
    public double medianMs() {
        if (count == 0) {
            return Double.NaN;
        }
        long rank = (count + 1) / 2;
        long seen = 0;
        for (Bin bin : bins) {
            seen += bin.count();
            if (seen >= rank) {
                return bin.valueMs();
            }
        }
        throw new AssertionError("rank beyond count");
    }
}
