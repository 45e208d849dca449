package dev.infbench.harness.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.infbench.format.ForkMetrics;
import dev.infbench.harness.jmh.JmhNumbers;
import dev.infbench.harness.stats.Median;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A serving scenario's figures ({@link ForkMetrics}'s {@code load.*} secondary results): each fork's value of each,
 * in fork order (NaN where a fork lacks one), and the steps of each fork's rate search.
 */
public final class LoadFigures {
    private static final String PREFIX = ForkMetrics.LOAD_P50_MS.substring(0, ForkMetrics.LOAD_P50_MS.indexOf("load.")
            + "load.".length());

    private final Map<String, double[]> byName;
    private final int forks;

    private LoadFigures(Map<String, double[]> byName, int forks) {
        this.byName = byName;
        this.forks = forks;
    }

    /** The figures of a JMH result's {@code secondaryMetrics}; null unless it has a serving scenario's. */
    static LoadFigures of(JsonNode secondary) {
        if (!secondary.has(ForkMetrics.LOAD_SAMPLES_PER_S)) {
            return null;
        }
        int forks = secondary.path(ForkMetrics.LOAD_SAMPLES_PER_S).path("rawData").size();
        Map<String, double[]> byName = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : secondary.properties()) {
            if (!e.getKey().startsWith(PREFIX)) {
                continue;
            }
            double[] values = new double[forks];
            JsonNode raw = e.getValue().path("rawData");
            for (int f = 0; f < forks; f++) {
                JsonNode fork = raw.path(f);
                // One measurement iteration per fork: its one value (the last, were there more).
                values[f] = fork.size() == 0 ? Double.NaN : JmhNumbers.number(fork.get(fork.size() - 1));
            }
            byName.put(e.getKey(), values);
        }
        return new LoadFigures(byName, forks);
    }

    public int forks() {
        return forks;
    }

    /** Each fork's value of a figure ({@link ForkMetrics} name); NaN for a fork without it. */
    public double[] values(String name) {
        double[] v = byName.get(name);
        if (v == null) {
            v = new double[forks];
            java.util.Arrays.fill(v, Double.NaN);
        }
        return v.clone();
    }

    /** The median over the forks that have a finite value; null when none has. */
    public Double median(String name) {
        double[] finite = java.util.Arrays.stream(values(name)).filter(Double::isFinite).toArray();
        return finite.length == 0 ? null : Median.of(finite);
    }

    double sum(String name) {
        return java.util.Arrays.stream(values(name)).filter(Double::isFinite).sum();
    }

    /** One step of a fork's rate search. */
    public record Step(int fork, int n, double offeredPerS, double achievedPerS, double p50Ms, double p99Ms,
                       double p99LowMs, double p99HighMs, int requests, double verdict, boolean stable,
                       double meanBatch) {
        public boolean within() {
            return verdict == ForkMetrics.VERDICT_WITHIN;
        }

        public boolean over() {
            return verdict == ForkMetrics.VERDICT_OVER;
        }
    }

    /** Every fork's search steps, fork by fork in the order run; empty for a cell at a fixed rate. */
    public List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        for (int f = 0; f < forks; f++) {
            for (int n = 1; byName.containsKey(ForkMetrics.step(n, "offered_per_s")); n++) {
                double[] v = new double[ForkMetrics.STEP_FIGURES.size()];
                for (int i = 0; i < v.length; i++) {
                    double[] forkValues = byName.get(ForkMetrics.step(n, ForkMetrics.STEP_FIGURES.get(i)));
                    v[i] = forkValues == null ? Double.NaN : forkValues[f];
                }
                if (Double.isFinite(v[0])) {
                    steps.add(new Step(f + 1, n, v[0], v[1], v[2], v[3], v[4], v[5], (int) v[6], v[7], v[8] == 1,
                            v[9]));
                }
            }
        }
        return steps;
    }
}
