package dev.infbench.harness.stats;

import java.util.Arrays;

/** The median of a sample: the middle value, or the mean of the two middle values; NaN for an empty sample. */
public final class Median {
    private Median() {
    }

    /** The median of {@code values} (not modified). */
    public static double of(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return ofSorted(s);
    }

    /** The median of values already sorted ascending. */
    public static double ofSorted(double[] sorted) {
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
