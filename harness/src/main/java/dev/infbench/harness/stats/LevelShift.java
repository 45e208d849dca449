package dev.infbench.harness.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A level shift inside one fork: its iteration means split into a first and a second run of iterations that lie
 * apart (the gap between the two sides is wider than the spread within either side) and whose medians differ by more
 * than {@value #MIN_SHIFT} (relative). It is what a busy neighbour switching on or off in the middle of a fork looks like
 * ({@code 43, 43, 126, 144 ms}), and it means the fork's percentiles mix two machines.
 *
 * <p>The rule needs at least {@value #MIN_ITERATIONS} iterations: with two, a shift cannot be told from two noisy
 * iterations. Of the possible split points the one with the largest ratio is reported.
 *
 * @param fork  1-based fork number (the round's fork in the cell's fork order)
 * @param after the last iteration (1-based) before the shift
 * @param ratio median of the iteration means after the shift over the median before (above 1: slower after)
 */
public record LevelShift(int fork, int after, double ratio) {

    /** Smallest relative change of level that counts: twice the default minimum effect of a stated ratio. */
    public static final double MIN_SHIFT = 0.10;
    /** Fewest iterations in a fork for the rule to apply. */
    public static final int MIN_ITERATIONS = 3;

    /** The shifts found in iteration means given per fork (at most one per fork); non-finite means are skipped. */
    public static List<LevelShift> find(List<List<Double>> iterationsPerFork) {
        List<LevelShift> shifts = new ArrayList<>();
        for (int f = 0; f < iterationsPerFork.size(); f++) {
            double[] means = iterationsPerFork.get(f).stream().mapToDouble(Double::doubleValue)
                    .filter(Double::isFinite).toArray();
            LevelShift best = null;
            for (int split = 1; means.length >= MIN_ITERATIONS && split < means.length; split++) {
                double[] before = java.util.Arrays.copyOfRange(means, 0, split);
                double[] after = java.util.Arrays.copyOfRange(means, split, means.length);
                double gap = Math.max(min(after) - max(before), min(before) - max(after));
                boolean apart = gap > Math.max(max(before) - min(before), max(after) - min(after));
                double ratio = Median.of(after) / Median.of(before);
                if (!apart || !(Math.abs(Math.log(ratio)) > Math.log1p(MIN_SHIFT))) {
                    continue;
                }
                if (best == null || Math.abs(Math.log(ratio)) > Math.abs(Math.log(best.ratio))) {
                    best = new LevelShift(f + 1, split, ratio);
                }
            }
            if (best != null) {
                shifts.add(best);
            }
        }
        return shifts;
    }

    /** E.g. {@code fork 2: ×3.10 after iteration 2}. */
    public String describe() {
        return String.format(Locale.ROOT, "fork %d: ×%.2f after iteration %d", fork, ratio, after);
    }

    private static double max(double[] x) {
        double m = Double.NEGATIVE_INFINITY;
        for (double d : x) {
            m = Math.max(m, d);
        }
        return m;
    }

    private static double min(double[] x) {
        double m = Double.POSITIVE_INFINITY;
        for (double d : x) {
            m = Math.min(m, d);
        }
        return m;
    }
}
