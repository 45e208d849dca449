package dev.infbench.harness.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The calls a JMH SampleTime cell timed, as JMH's {@code rawDataHistogram} holds them: forks → iterations →
 * {@code [value, count]} buckets. Values are in whatever unit the caller chose (the harness uses milliseconds).
 *
 * <p>Gives the ranks of all samples together (for percentile intervals) and each iteration's mean (for
 * {@link Stability}). Immutable.
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

    private final List<List<List<Bucket>>> forks;
    /** Every bucket of every fork and iteration, ascending by value. */
    private final Bucket[] sorted;
    private final long count;

    /** @param forks forks → iterations → buckets, in JMH's order */
    public SampleHistogram(List<List<List<Bucket>>> forks) {
        this.forks = forks.stream().map(fork -> fork.stream().map(List::copyOf).toList()).toList();
        this.sorted = this.forks.stream().flatMap(List::stream).flatMap(List::stream)
                .filter(bucket -> bucket.count() > 0)
                .sorted(Comparator.comparingDouble(Bucket::value)).toArray(Bucket[]::new);
        this.count = Arrays.stream(sorted).mapToLong(Bucket::count).sum();
    }

    /** Samples in all forks and iterations. */
    public long count() {
        return count;
    }

    /**
     * The value of the sample of rank {@code rank} (1 = smallest) among all samples, found by walking the buckets
     * in ascending order.
     *
     * @throws IllegalArgumentException unless {@code 1 ≤ rank ≤ count()}
     */
    public double valueAtRank(long rank) {
        if (rank < 1 || rank > count) {
            throw new IllegalArgumentException("rank " + rank + " outside 1.." + count);
        }
        long seen = 0;
        for (Bucket bucket : sorted) {
            seen += bucket.count();
            if (seen >= rank) {
                return bucket.value();
            }
        }
        throw new AssertionError("counts sum to " + count);
    }

    /**
     * Each iteration's mean (sum of value × count over its count), per fork; an iteration without samples is left
     * out.
     */
    public List<List<Double>> iterationMeans() {
        List<List<Double>> means = new ArrayList<>();
        for (List<List<Bucket>> fork : forks) {
            List<Double> forkMeans = new ArrayList<>();
            for (List<Bucket> iteration : fork) {
                double sum = 0;
                long n = 0;
                for (Bucket bucket : iteration) {
                    sum += bucket.value() * bucket.count();
                    n += bucket.count();
                }
                if (n > 0) {
                    forkMeans.add(sum / n);
                }
            }
            means.add(forkMeans);
        }
        return means;
    }
}
