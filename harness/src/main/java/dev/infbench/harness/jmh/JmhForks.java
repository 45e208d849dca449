package dev.infbench.harness.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infbench.harness.HarnessException;
import dev.infbench.harness.stats.StudentT;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Several single-fork JMH results of one benchmark and parameters (one per round of a run) as the one result JMH
 * would have written had it run them as forks of one run: the forks' raw data side by side, and score, error,
 * confidence and percentiles recomputed the way JMH 1.37 computes them (its {@code MultisetStatistics} over every
 * call for SampleTime, its {@code ListStatistics} over iteration scores otherwise; errors at 99.9% from Student's
 * t with n − 1 degrees of freedom, NaN for n ≤ 2).
 */
public final class JmhForks {
    /** JMH's confidence level for {@code scoreError}. */
    static final double JMH_CONFIDENCE = 0.999;
    /** The percentiles JMH writes in {@code scorePercentiles}, in its order and spelling. */
    private static final List<String> PERCENTILE_KEYS = List.of("0.0", "50.0", "90.0", "95.0", "99.0", "99.9",
            "99.99", "99.999", "99.9999", "100.0");
    /** SampleTime's secondary results, one per percentile: {@code p0.50}, {@code p0.999}, {@code p1.00}. */
    private static final Pattern SAMPLE_PERCENTILE = Pattern.compile("p(\\d\\.\\d+)");

    private JmhForks() {
    }

    /**
     * The merged result of {@code forks} (each a JMH result object with one fork), in the given order.
     *
     * @throws HarnessException if the results are not of one benchmark, mode and unit
     */
    public static JsonNode merge(List<JsonNode> forks) {
        if (forks.isEmpty()) {
            throw new IllegalArgumentException("no fork to merge");
        }
        if (forks.size() == 1) {
            return forks.get(0);
        }
        JsonNode first = forks.get(0);
        String mode = first.path("mode").asText();
        String unit = first.path("primaryMetric").path("scoreUnit").asText();
        for (JsonNode f : forks) {
            if (!f.path("mode").asText().equals(mode) || !f.path("benchmark").asText().equals(first.path("benchmark")
                    .asText()) || !f.path("primaryMetric").path("scoreUnit").asText().equals(unit)) {
                throw new HarnessException("forks of one cell differ in benchmark, mode or unit");
            }
        }
        ObjectNode merged = first.deepCopy();
        merged.put("forks", forks.stream().mapToInt(f -> Math.max(1, f.path("forks").asInt(1))).sum());
        ObjectNode primary = (ObjectNode) merged.get("primaryMetric");
        ArrayNode rawData = concat(forks, "primaryMetric", "rawData");
        ArrayNode histogram = concat(forks, "primaryMetric", JmhHistogram.FIELD);
        Stats stats;
        if ("sample".equals(mode)) {
            stats = Stats.ofHistogram(histogram);
            primary.set(JmhHistogram.FIELD, histogram);
        } else {
            stats = Stats.ofValues(rawData);
        }
        if (rawData != null) {
            primary.set("rawData", rawData);
        }
        write(primary, stats);
        ObjectNode secondaries = JsonNodeFactory.instance.objectNode();
        Set<String> names = new LinkedHashSet<>();
        forks.forEach(f -> f.path("secondaryMetrics").fieldNames().forEachRemaining(names::add));
        for (String name : names) {
            boolean everyFork = forks.stream().allMatch(f -> f.path("secondaryMetrics").has(name));
            // A serving figure one fork lacks (a search step another fork did not need) is NaN for that fork, so
            // that every fork keeps its place; any other metric not every fork measured would be misread as the cell's.
            boolean perFork = name.startsWith(LOAD_PREFIX);
            if (!everyFork && !perFork) {
                continue;
            }
            ObjectNode secondary = forks.stream().filter(f -> f.path("secondaryMetrics").has(name)).findFirst()
                    .orElseThrow().path("secondaryMetrics").path(name).deepCopy();
            ArrayNode values = everyFork ? concat(forks, "secondaryMetrics", name, "rawData")
                    : concatOrNaN(forks, name);
            var percentile = SAMPLE_PERCENTILE.matcher(name);
            if (dev.infbench.format.ForkMetrics.MAXIMA.contains(name) && values != null) {
                // A running maximum (peak memory): JMH aggregates it by MAX, over iterations and forks alike.
                write(secondary, Stats.single(Stats.ofValues(values).percentile(100)));
            } else if ("sample".equals(mode) && percentile.matches()) {
                // JMH's percentile results are one number of the pooled calls: no error, every percentile the same.
                write(secondary, Stats.single(stats.percentile(Double.parseDouble(percentile.group(1)) * 100)));
            } else if (values != null) {
                write(secondary, Stats.ofValues(values));
            }
            if (values != null) {
                secondary.set("rawData", values);
            }
            secondaries.set(name, secondary);
        }
        merged.set("secondaryMetrics", secondaries);
        return merged;
    }

    private static void write(ObjectNode metric, Stats stats) {
        metric.set("score", number(stats.mean()));
        double error = stats.meanError();
        metric.set("scoreError", number(error));
        ArrayNode confidence = metric.putArray("scoreConfidence");
        confidence.add(number(stats.mean() - error));
        confidence.add(number(stats.mean() + error));
        ObjectNode percentiles = metric.putObject("scorePercentiles");
        for (String key : PERCENTILE_KEYS) {
            percentiles.set(key, number(stats.percentile(Double.parseDouble(key))));
        }
    }

    /** A number as JMH writes it: non-finite values as strings. */
    private static JsonNode number(double value) {
        if (Double.isNaN(value)) {
            return JsonNodeFactory.instance.textNode("NaN");
        }
        if (Double.isInfinite(value)) {
            return JsonNodeFactory.instance.textNode(value > 0 ? "+INF" : "-INF");
        }
        return JsonNodeFactory.instance.numberNode(value);
    }

    /** The forks' arrays at {@code path}, one after another; null when no fork has one. */
    private static final String LOAD_PREFIX = dev.infbench.format.ForkMetrics.LOAD_P50_MS.substring(0,
            dev.infbench.format.ForkMetrics.LOAD_P50_MS.indexOf("load.") + "load.".length());

    /** A secondary metric's rawData over the forks, {@code ["NaN"]} for a fork without it. */
    private static ArrayNode concatOrNaN(List<JsonNode> forks, String name) {
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        for (JsonNode f : forks) {
            JsonNode node = f.path("secondaryMetrics").path(name).path("rawData");
            if (node.isArray() && node.size() > 0) {
                node.forEach(all::add);
            } else {
                all.add(JsonNodeFactory.instance.arrayNode().add("NaN"));
            }
        }
        return all;
    }

    private static ArrayNode concat(List<JsonNode> forks, String... path) {
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        boolean any = false;
        for (JsonNode f : forks) {
            JsonNode node = f;
            for (String p : path) {
                node = node.path(p);
            }
            if (node.isArray()) {
                any = true;
                node.forEach(all::add);
            }
        }
        return any ? all : null;
    }

    /** Values with counts, sorted: the statistics JMH computes. */
    private static final class Stats {
        private final double[] values;
        private final long[] counts;
        private final long n;
        /** JMH's percentile rule differs between its multiset (SampleTime) and list (other modes) statistics. */
        private final boolean multiset;

        private Stats(double[] values, long[] counts, boolean multiset) {
            this.values = values;
            this.counts = counts;
            this.n = Arrays.stream(counts).sum();
            this.multiset = multiset;
        }

        static Stats single(double value) {
            return new Stats(new double[] {value}, new long[] {1}, false);
        }

        static Stats ofHistogram(ArrayNode histogram) {
            TreeMap<Double, Long> byValue = new TreeMap<>();
            JmhHistogram.read(histogram, new JmhHistogram.Sink() {
                @Override
                public void fork() {
                }

                @Override
                public void iteration() {
                }

                @Override
                public void add(double value, long count) {
                    if (count > 0) {
                        byValue.merge(value, count, Long::sum);
                    }
                }
            });
            double[] v = new double[byValue.size()];
            long[] c = new long[byValue.size()];
            int i = 0;
            for (Map.Entry<Double, Long> e : byValue.entrySet()) {
                v[i] = e.getKey();
                c[i++] = e.getValue();
            }
            return new Stats(v, c, true);
        }

        static Stats ofValues(ArrayNode rawData) {
            List<Double> all = new ArrayList<>();
            if (rawData != null) {
                for (JsonNode fork : rawData) {
                    fork.forEach(v -> all.add(JmhNumbers.number(v)));
                }
            }
            double[] v = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            long[] c = new long[v.length];
            Arrays.fill(c, 1);
            return new Stats(v, c, false);
        }

        double mean() {
            if (n == 0) {
                return Double.NaN;
            }
            double sum = 0;
            for (int i = 0; i < values.length; i++) {
                sum += values[i] * counts[i];
            }
            return sum / n;
        }

        double meanError() {
            if (n <= 2) {
                return Double.NaN;
            }
            double m = mean();
            double v = 0;
            for (int i = 0; i < values.length; i++) {
                v += (values[i] - m) * (values[i] - m) * counts[i];
            }
            double sd = Math.sqrt(v / (n - 1));
            return StudentT.critical(JMH_CONFIDENCE, n - 1) * sd / Math.sqrt(n);
        }

        double percentile(double rank) {
            if (n == 0) {
                return Double.NaN;
            }
            if (rank == 0) {
                return values[0];
            }
            if (multiset) {
                // MultisetStatistics.getPercentile: position rank × (n + 1) / 100, 1-based, linear between neighbours.
                double pos = rank * (n + 1) / 100;
                double floor = Math.floor(pos);
                double low = atRank((long) floor);
                double next = atRank((long) floor + 1);
                return low + (next - low) * (pos - floor);
            }
            // ListStatistics: commons-math's Percentile (estimation type "legacy"): position p(n + 1)/100.
            double pos = rank * (n + 1) / 100;
            if (pos < 1) {
                return values[0];
            }
            if (pos >= n) {
                return values[values.length - 1];
            }
            double floor = Math.floor(pos);
            double low = values[(int) floor - 1];
            double high = values[(int) floor];
            return low + (pos - floor) * (high - low);
        }

        /** The value of 1-based rank {@code index}, as MultisetStatistics reads it (the maximum past the end). */
        private double atRank(long index) {
            long cur = 0;
            for (int i = 0; i < values.length; i++) {
                cur += counts[i];
                if (cur >= index) {
                    return values[i];
                }
            }
            return values[values.length - 1];
        }
    }
}
