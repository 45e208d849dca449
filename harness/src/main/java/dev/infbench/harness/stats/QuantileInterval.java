package dev.infbench.harness.stats;

/**
 * Distribution-free 95% confidence intervals for a quantile from order statistics.
 *
 * <p>Of n independent samples, the number below the true quantile q is Binomial(n, q), approximately normal with
 * mean nq and standard deviation √(nq(1−q)). So the interval runs from the sample of rank
 * {@code lo = floor(nq − 1.96 √(nq(1−q)))} to the sample of rank {@code hi = ceil(nq + 1.96 √(nq(1−q))) + 1}
 * (1-based ranks, clamped to 1..n), which covers the true quantile with about 95% probability whatever the shape of
 * the latency distribution. The normal approximation needs samples on both sides of the quantile: callers apply the
 * harness's tail rule (at least ten samples beyond it) before asking.
 */
public final class QuantileInterval {

    /** The normal quantile for a two-sided 95% interval. */
    public static final double Z_95 = 1.96;

    private QuantileInterval() {
    }

    /**
     * The interval for quantile {@code q} of the samples in {@code histogram}; null when a bound is not a finite
     * number (a histogram with NaN or infinite values).
     *
     * @throws IllegalArgumentException if the histogram is empty or q is outside [0, 1]
     */
    public static Interval of(SampleHistogram histogram, double q) {
        long n = histogram.count();
        if (n < 1) {
            throw new IllegalArgumentException("no samples");
        }
        long[] ranks = ranks(n, q);
        double low = histogram.valueAtRank(ranks[0]);
        double high = histogram.valueAtRank(ranks[1]);
        return Double.isFinite(low) && Double.isFinite(high) ? new Interval(low, high) : null;
    }

    /** The 1-based ranks {lo, hi} bounding quantile {@code q} of {@code n} samples, clamped to 1..n. */
    public static long[] ranks(long n, double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile must be within [0, 1], was " + q);
        }
        double centre = n * q;
        double halfWidth = Z_95 * Math.sqrt(n * q * (1 - q));
        long lo = (long) Math.floor(centre - halfWidth);
        long hi = (long) Math.ceil(centre + halfWidth) + 1;
        return new long[] {clamp(lo, n), clamp(hi, n)};
    }

    private static long clamp(long rank, long n) {
        return Math.max(1, Math.min(n, rank));
    }
}
