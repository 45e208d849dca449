package dev.infbench.harness.stats;

import java.util.Arrays;

/**
 * A statistic whose unit of replication is the fork: one value per fork (per round of a run), e.g. each fork's
 * median latency. Calls within a fork move together (a busy neighbour slows thousands of them at once), so only the
 * forks are close to independent, and an interval over calls is far too narrow.
 *
 * <p>The point is the median of the fork values. The 95% interval is a Student t interval on their logarithms
 * ({@code exp(mean ± t(0.975, k − 1) · sd / √k)}), widened to contain the median: latencies and throughputs are
 * positive and their noise is multiplicative (a machine 20% slower makes every figure 20% worse), and the t
 * quantile with k − 1 degrees of freedom pays for having few forks (12.7 for 2, 4.30 for 3, 2.78 for 5).
 *
 * @param point    the median of the fork values
 * @param interval the 95% interval, or null with fewer than 2 forks or a value that is not positive
 * @param forks    how many forks gave a value
 */
public record ForkStatistic(double point, Interval interval, int forks) {

    /** The statistic of {@code values}, one per fork; NaN values (a fork without enough calls) are left out. */
    public static ForkStatistic of(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        int k = v.length;
        if (k == 0) {
            return new ForkStatistic(Double.NaN, null, 0);
        }
        double median = Median.ofSorted(v);
        if (k < 2 || v[0] <= 0) {
            return new ForkStatistic(median, null, k);
        }
        double[] logs = Arrays.stream(v).map(Math::log).toArray();
        double half = StudentT.critical(Interval.CONFIDENCE, k - 1) * LogStats.sd(logs) / Math.sqrt(k);
        double mean = LogStats.mean(logs);
        double low = Math.min(Math.exp(mean - half), median);
        double high = Math.max(Math.exp(mean + half), median);
        return new ForkStatistic(median, new Interval(low, high), k);
    }

    /** The interval's half-width relative to the point (0.05 = ±5%), or NaN without an interval. */
    public double relativeHalfWidth() {
        return interval == null ? Double.NaN : (interval.high() - interval.low()) / 2 / point;
    }

    /** Mean and standard deviation of logarithms. */
    static final class LogStats {
        private LogStats() {
        }

        static double mean(double[] x) {
            double s = 0;
            for (double d : x) {
                s += d;
            }
            return s / x.length;
        }

        static double sd(double[] x) {
            double m = mean(x);
            double s = 0;
            for (double d : x) {
                s += (d - m) * (d - m);
            }
            return Math.sqrt(s / (x.length - 1));
        }
    }
}
