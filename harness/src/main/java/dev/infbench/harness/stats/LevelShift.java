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
 * <p>Each side needs at least {@value #MIN_SIDE} iterations, so the rule needs {@value #MIN_ITERATIONS}: one slow
 * iteration (a JIT compilation finishing, a long GC) is an outlier, not a change of level. Of the possible split
 * points the one with the largest ratio is reported; non-finite means are skipped, iterations keep their numbers.
 *
 * @param fork  1-based fork number (the round's fork in the cell's fork order)
 * @param after the last iteration (1-based, as JMH numbers the fork's measurement iterations) before the shift
 * @param ratio median of the iteration values after the shift over the median before (for times: above 1 is slower
 *              after)
 */
public record LevelShift(int fork, int after, double ratio) {

    /** Smallest relative change of level that counts: twice the default minimum effect of a stated ratio. */
    public static final double MIN_SHIFT = 0.10;
    public static final int MIN_SIDE = 2;
    /** Fewest iterations in a fork for the rule to apply: {@link #MIN_SIDE} a side. */
    public static final int MIN_ITERATIONS = 2 * MIN_SIDE;

    /** The shifts found in iteration means given per fork (at most one per fork); non-finite means are skipped. */
    public static List<LevelShift> find(List<List<Double>> iterationsPerFork) {
        List<LevelShift> shifts = new ArrayList<>();
        for (int f = 0; f < iterationsPerFork.size(); f++) {
            List<Double> all = iterationsPerFork.get(f);
            List<Integer> numbers = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (Double.isFinite(all.get(i))) {
                    numbers.add(i + 1);
                }
            }
            double[] means = numbers.stream().mapToDouble(n -> all.get(n - 1)).toArray();
            LevelShift best = null;
            for (int split = MIN_SIDE; means.length >= MIN_ITERATIONS && split <= means.length - MIN_SIDE;
                    split++) {
                double[] before = java.util.Arrays.copyOfRange(means, 0, split);
                double[] after = java.util.Arrays.copyOfRange(means, split, means.length);
                double gap = Math.max(min(after) - max(before), min(before) - max(after));
                boolean apart = gap > Math.max(max(before) - min(before), max(after) - min(after));
                double ratio = Median.of(after) / Median.of(before);
                if (!apart || !(Math.abs(Math.log(ratio)) > Math.log1p(MIN_SHIFT))) {
                    continue;
                }
                if (best == null || Math.abs(Math.log(ratio)) > Math.abs(Math.log(best.ratio))) {
                    best = new LevelShift(f + 1, numbers.get(split - 1), ratio);
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
