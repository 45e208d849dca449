package dev.infbench.harness.stats;

/**
 * A confidence interval for a statistic, in the statistic's own unit (milliseconds for latency percentiles).
 *
 * @param low  lower bound, inclusive
 * @param high upper bound, inclusive; never below {@code low}
 */
public record Interval(double low, double high) {

    /** The confidence level of every interval the harness computes. */
    public static final double CONFIDENCE = 0.95;

    public Interval {
        if (!(low <= high)) {
            throw new IllegalArgumentException("interval low " + low + " above high " + high);
        }
    }

    /** True when {@code value} lies within the bounds. */
    public boolean contains(double value) {
        return value >= low && value <= high;
    }
}
