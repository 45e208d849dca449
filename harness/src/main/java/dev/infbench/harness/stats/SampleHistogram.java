package dev.infbench.harness.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The calls a JMH SampleTime cell timed, as JMH's {@code rawDataHistogram} holds them: forks → iterations →
 * {@code [value, count]} buckets. Values are in whatever unit the caller chose (the harness uses milliseconds).
 *
 * <p>Gives the ranks of all samples together (for percentile intervals) and each iteration's mean (for
 * {@link Stability}). Immutable. Held in primitive arrays (a report over 10,000 cells holds millions of buckets):
 * build one with {@link #builder()} while reading, or from lists with the constructor.
 */
public final class SampleHistogram {

    /** One bucket: {@code count} calls that took {@code value}. */
    public record Bucket(double value, long count) {
        public Bucket {
            if (count < 0) {
                throw new IllegalArgumentException("negative bucket count " + count);
            }
        }
    }

    /**
     * One fork's calls in a few numbers: how many, their mean, and the values of rank ⌈nq⌉ for q = 0.5, 0.9 and 0.99
     * (NaN for a fork without calls). What the round-level statistics are made of.
     */
    public record ForkSummary(long count, double mean, double p50, double p90, double p99) {
        ForkSummary times(double factor) {
            return new ForkSummary(count, mean * factor, p50 * factor, p90 * factor, p99 * factor);
        }

        /** The value of quantile 0.5, 0.9 or 0.99. */
        public double quantile(double q) {
            if (q == 0.5) {
                return p50;
            }
            if (q == 0.9) {
                return p90;
            }
            if (q == 0.99) {
                return p99;
            }
            throw new IllegalArgumentException("a fork keeps p50, p90 and p99 only, not " + q);
        }
    }

    /** Each iteration's mean, per fork (what {@link Stability} judges). */
    private final double[][] iterationMeans;
    /** Per fork, in order. */
    private final ForkSummary[] forkSummaries;
    /** Distinct values with samples, ascending (NaN last), and the samples at or below each. */
    private final double[] sortedValues;
    private final long[] cumulative;

    /** @param forks forks → iterations → buckets, in JMH's order */
    public SampleHistogram(List<List<List<Bucket>>> forks) {
        this(fill(forks));
    }

    private static Builder fill(List<List<List<Bucket>>> forks) {
        Builder builder = builder();
        for (List<List<Bucket>> fork : forks) {
            builder.fork();
            for (List<Bucket> iteration : fork) {
                builder.iteration();
                iteration.forEach(bucket -> builder.add(bucket.value(), bucket.count()));
            }
        }
        return builder;
    }

    /**
     * Keeps only what the reports need (iteration means, and the distinct values with their cumulative counts),
     * not every bucket of every iteration: a report over 10,000 cells holds millions of buckets otherwise.
     */
    private SampleHistogram(Builder b) {
        int[] iterationStarts = close(b.iterationStarts, b.iterations, b.buckets);
        int[] forkStarts = close(b.forkStarts, b.forks, b.iterations);
        this.iterationMeans = new double[b.forks][];
        boolean ascending = true;
        for (int fork = 0; fork < b.forks; fork++) {
            double[] means = new double[forkStarts[fork + 1] - forkStarts[fork]];
            int kept = 0;
            for (int iteration = forkStarts[fork]; iteration < forkStarts[fork + 1]; iteration++) {
                double sum = 0;
                long n = 0;
                for (int i = iterationStarts[iteration]; i < iterationStarts[iteration + 1]; i++) {
                    sum += b.values[i] * b.counts[i];
                    n += b.counts[i];
                    ascending &= i == iterationStarts[iteration] || b.values[i - 1] < b.values[i];
                }
                if (n > 0) {
                    means[kept++] = sum / n;
                }
            }
            iterationMeans[fork] = Arrays.copyOf(means, kept);
        }
        this.forkSummaries = new ForkSummary[b.forks];
        for (int fork = 0; fork < b.forks; fork++) {
            int from = iterationStarts[forkStarts[fork]];
            int to = iterationStarts[forkStarts[fork + 1]];
            forkSummaries[fork] = summary(Runs.sort(Arrays.copyOfRange(b.values, from, to),
                    Arrays.copyOfRange(b.counts, from, to)));
        }
        // JMH writes each iteration's buckets in ascending order: merging those runs beats sorting every bucket.
        Runs merged = ascending ? Runs.merge(b, iterationStarts)
                : Runs.sort(Arrays.copyOf(b.values, b.buckets), Arrays.copyOf(b.counts, b.buckets));
        // Values whose buckets are all empty hold no sample: drop them so ranks land on real samples only.
        int kept = 0;
        for (int i = 0; i < merged.size; i++) {
            kept += merged.counts[i] > 0 ? 1 : 0;
        }
        this.sortedValues = new double[kept];
        this.cumulative = new long[kept];
        long running = 0;
        for (int i = 0, k = 0; i < merged.size; i++) {
            if (merged.counts[i] > 0) {
                running += merged.counts[i];
                sortedValues[k] = merged.values[i];
                cumulative[k++] = running;
            }
        }
    }

    private static ForkSummary summary(Runs runs) {
        long n = 0;
        double sum = 0;
        for (int i = 0; i < runs.size; i++) {
            n += runs.counts[i];
            sum += runs.values[i] * runs.counts[i];
        }
        if (n == 0) {
            return new ForkSummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new ForkSummary(n, sum / n, rank(runs, n, 0.5), rank(runs, n, 0.9), rank(runs, n, 0.99));
    }

    /** The value of rank ⌈nq⌉ (at least 1). */
    private static double rank(Runs runs, long n, double q) {
        long rank = Math.max(1, (long) Math.ceil(n * q));
        long seen = 0;
        for (int i = 0; i < runs.size; i++) {
            seen += runs.counts[i];
            if (seen >= rank) {
                return runs.values[i];
            }
        }
        return runs.values[runs.size - 1];
    }

    private SampleHistogram(double[][] iterationMeans, ForkSummary[] forkSummaries, double[] sortedValues,
                            long[] cumulative) {
        this.iterationMeans = iterationMeans;
        this.forkSummaries = forkSummaries;
        this.sortedValues = sortedValues;
        this.cumulative = cumulative;
    }

    /** Distinct values in ascending order with the samples of each. */
    private record Runs(double[] values, long[] counts, int size) {

        /**
         * Merges the builder's ascending runs ({@code starts}: each run's first index, then the end) pairwise, in
         * place: the builder's arrays and its scratch arrays take turns, so a histogram costs no large allocation.
         */
        static Runs merge(Builder b, int[] starts) {
            int n = starts[starts.length - 1];
            double[] v = b.values;
            long[] c = b.counts;
            if (b.scratchValues.length < v.length) {
                b.scratchValues = new double[v.length];
                b.scratchCounts = new long[v.length];
            }
            double[] nv = b.scratchValues;
            long[] nc = b.scratchCounts;
            int[] s = starts;
            while (s.length > 2) {
                int runs = s.length - 1;
                int[] ns = new int[(runs + 1) / 2 + 1];
                int out = 0;
                for (int r = 0; r < runs; r += 2) {
                    ns[r / 2] = out;
                    int i = s[r];
                    int iEnd = s[r + 1];
                    int j = r + 1 < runs ? s[r + 1] : iEnd;
                    int jEnd = r + 1 < runs ? s[r + 2] : iEnd;
                    while (i < iEnd || j < jEnd) {
                        double next = j >= jEnd || (i < iEnd && v[i] <= v[j]) ? v[i] : v[j];
                        long sum = 0;
                        while (i < iEnd && v[i] == next) {
                            sum += c[i++];
                        }
                        while (j < jEnd && v[j] == next) {
                            sum += c[j++];
                        }
                        nv[out] = next;
                        nc[out++] = sum;
                    }
                }
                ns[ns.length - 1] = out;
                double[] swapV = v;
                long[] swapC = c;
                v = nv;
                c = nc;
                nv = swapV;
                nc = swapC;
                s = ns;
            }
            return new Runs(v, c, s.length == 2 ? s[1] : 0);
        }

        /** Sorts buckets in any order (NaN last), adding up the counts of equal values. */
        static Runs sort(double[] values, long[] counts) {
            double[] distinct = values.clone();
            Arrays.sort(distinct);
            int unique = 0;
            for (int i = 0; i < distinct.length; i++) {
                if (unique == 0 || Double.compare(distinct[unique - 1], distinct[i]) != 0) {
                    distinct[unique++] = distinct[i];
                }
            }
            double[] sorted = Arrays.copyOf(distinct, unique);
            long[] perValue = new long[unique];
            for (int i = 0; i < values.length; i++) {
                perValue[Arrays.binarySearch(sorted, values[i])] += counts[i];
            }
            return new Runs(sorted, perValue, unique);
        }
    }

    /** A builder that takes buckets as a reader meets them. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * This histogram with every value multiplied by {@code factor} (e.g. to convert it to milliseconds).
     *
     * @throws IllegalArgumentException unless the factor is positive and finite (it keeps the order of values)
     */
    public SampleHistogram scaled(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("scale factor must be positive and finite, was " + factor);
        }
        if (factor == 1) {
            return this;
        }
        double[][] means = new double[iterationMeans.length][];
        for (int fork = 0; fork < means.length; fork++) {
            means[fork] = times(iterationMeans[fork], factor);
        }
        ForkSummary[] forks = new ForkSummary[forkSummaries.length];
        for (int fork = 0; fork < forks.length; fork++) {
            forks[fork] = forkSummaries[fork].times(factor);
        }
        return new SampleHistogram(means, forks, times(sortedValues, factor), cumulative);
    }

    private static double[] times(double[] values, double factor) {
        double[] scaled = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            scaled[i] = values[i] * factor;
        }
        return scaled;
    }

    /** Forks, including those without iterations. */
    public int forks() {
        return iterationMeans.length;
    }

    /** Each fork's calls in a few numbers, in fork order. */
    public List<ForkSummary> forkSummaries() {
        return List.of(forkSummaries);
    }

    /** Samples in all forks and iterations. */
    public long count() {
        return cumulative.length == 0 ? 0 : cumulative[cumulative.length - 1];
    }

    /**
     * The value of the sample of rank {@code rank} (1 = smallest) among all samples.
     *
     * @throws IllegalArgumentException unless {@code 1 ≤ rank ≤ count()}
     */
    public double valueAtRank(long rank) {
        if (rank < 1 || rank > count()) {
            throw new IllegalArgumentException("rank " + rank + " outside 1.." + count());
        }
        int at = Arrays.binarySearch(cumulative, rank);
        return sortedValues[at >= 0 ? at : -at - 1];
    }

    /**
     * Each iteration's mean (sum of value × count over its count), per fork; an iteration without samples is left
     * out.
     */
    public List<List<Double>> iterationMeans() {
        List<List<Double>> means = new ArrayList<>();
        for (double[] fork : iterationMeans) {
            means.add(Arrays.stream(fork).boxed().toList());
        }
        return means;
    }

    /** The stability of the iteration means (see {@link Stability}). */
    public Stability stability() {
        return Stability.of(iterationMeans);
    }

    private static int[] close(int[] starts, int used, int end) {
        int[] closed = Arrays.copyOf(starts, used + 1);
        closed[used] = end;
        return closed;
    }

    /** Collects forks → iterations → buckets in reading order: {@link #fork()}, {@link #iteration()}, {@link #add}. */
    public static final class Builder {
        private double[] values = new double[64];
        private long[] counts = new long[64];
        private int buckets;
        private int[] iterationStarts = new int[8];
        private int iterations;
        private int[] forkStarts = new int[4];
        private int forks;
        /** Room for merging the buckets' runs (see {@link Runs#merge}). */
        private double[] scratchValues = new double[0];
        private long[] scratchCounts = new long[0];

        private Builder() {
        }

        /** Starts the next fork. */
        public Builder fork() {
            if (forks == forkStarts.length) {
                forkStarts = Arrays.copyOf(forkStarts, forks * 2);
            }
            forkStarts[forks++] = iterations;
            return this;
        }

        /** Starts the next iteration of the current fork. */
        public Builder iteration() {
            if (forks == 0) {
                throw new IllegalStateException("an iteration outside any fork");
            }
            if (iterations == iterationStarts.length) {
                iterationStarts = Arrays.copyOf(iterationStarts, iterations * 2);
            }
            iterationStarts[iterations++] = buckets;
            return this;
        }

        /** Adds a bucket to the current iteration. */
        public Builder add(double value, long count) {
            if (iterations == 0) {
                throw new IllegalStateException("a bucket outside any iteration");
            }
            if (count < 0) {
                throw new IllegalArgumentException("negative bucket count " + count);
            }
            if (buckets == values.length) {
                values = Arrays.copyOf(values, buckets * 2);
                counts = Arrays.copyOf(counts, buckets * 2);
            }
            values[buckets] = value;
            counts[buckets++] = count;
            return this;
        }

        /** The histogram of what was added; the builder is then empty again, ready for the next one. */
        public SampleHistogram build() {
            SampleHistogram histogram = new SampleHistogram(this);
            buckets = 0;
            iterations = 0;
            forks = 0;
            return histogram;
        }
    }
}
