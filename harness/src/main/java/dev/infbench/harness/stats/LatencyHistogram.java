package dev.infbench.harness.stats;

import com.fasterxml.jackson.databind.JsonNode;
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

    /**
     * One histogram per fork from a JMH SampleTime result's {@code primaryMetric.rawDataHistogram} (forks →
     * iterations → {@code [value, count]}), values converted from the score unit to milliseconds. Empty when the
     * result is not SampleTime (other modes keep no per-call data).
     *
     * @throws HarnessException if the histogram or its unit cannot be read
     */
    public static List<LatencyHistogram> forksOf(JsonNode jmh) {
        if (jmh == null || !"sample".equals(jmh.path("mode").asText())) {
            return List.of();
        }
        JsonNode primary = jmh.path("primaryMetric");
        double toMs = millisPerUnit(primary.path("scoreUnit").asText(null));
        List<LatencyHistogram> forks = new ArrayList<>();
        for (JsonNode fork : primary.path("rawDataHistogram")) {
            List<Bin> bins = new ArrayList<>();
            for (JsonNode iteration : fork) {
                for (JsonNode bin : iteration) {
                    if (!bin.isArray() || bin.size() != 2 || !bin.get(0).isNumber() || !bin.get(1).isNumber()) {
                        throw new HarnessException("rawDataHistogram entry is not a [value, count] pair: " + bin);
                    }
                    double countValue = bin.get(1).doubleValue();
                    if (!(countValue >= 0) || countValue != Math.rint(countValue)) {
                        throw new HarnessException("rawDataHistogram count is not a whole number: " + bin.get(1));
                    }
                    bins.add(new Bin(bin.get(0).doubleValue() * toMs, (long) countValue));
                }
            }
            forks.add(of(bins));
        }
        return forks;
    }

    /**
     * One histogram per measurement iteration, all forks in turn: the unit of a run's own noise. Calls within an
     * iteration are not independent (a busy neighbour slows thousands of them at once), iterations much less so.
     */
    public static List<LatencyHistogram> iterationsOf(JsonNode jmh) {
        if (jmh == null || !"sample".equals(jmh.path("mode").asText())) {
            return List.of();
        }
        JsonNode primary = jmh.path("primaryMetric");
        double toMs = millisPerUnit(primary.path("scoreUnit").asText(null));
        List<LatencyHistogram> iterations = new ArrayList<>();
        for (JsonNode fork : primary.path("rawDataHistogram")) {
            for (JsonNode iteration : fork) {
                List<Bin> bins = new ArrayList<>();
                for (JsonNode bin : iteration) {
                    if (bin.isArray() && bin.size() == 2 && bin.get(0).isNumber() && bin.get(1).isNumber()) {
                        bins.add(new Bin(bin.get(0).doubleValue() * toMs, bin.get(1).longValue()));
                    }
                }
                LatencyHistogram h = of(bins);
                if (h.count() > 0) {
                    iterations.add(h);
                }
            }
        }
        return iterations;
    }

    private static double millisPerUnit(String unit) {
        if (unit == null || !unit.endsWith("/op")) {
            throw new HarnessException("SampleTime result has score unit '" + unit + "', expected time per op");
        }
        return switch (unit.substring(0, unit.length() - 3)) {
            case "ns" -> 1e-6;
            case "us", "\u00b5s", "\u03bcs" -> 1e-3;
            case "ms" -> 1.0;
            case "s" -> 1e3;
            case "min" -> 60e3;
            default -> throw new HarnessException("unknown JMH score unit '" + unit + "'");
        };
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
