package dev.infbench.harness.nightly;

import java.util.Arrays;
import java.util.List;

/**
 * A night against the nights before it, in their own noise: a rolling robust z-score, in the spirit of Conbench's.
 * The preceding {@value #WINDOW} nights' median and median absolute deviation (scaled by 1.4826, so that it estimates
 * a standard deviation for normal noise; never below {@value #MIN_SPREAD} of the median, so that a run of identical
 * nights does not make every wobble a change) give {@code z = (value − median) / spread}.
 *
 * <p>A comparison with the baseline alone cannot tell a slower night from a baseline that caught a fast minute; the
 * history can: a night as slow as the nights before it is no change, however the baseline ran. With fewer than
 * {@value #MIN_NIGHTS} preceding nights the history cannot say, and {@link #z} is null.
 */
public final class TrendCheck {
    /** Nights a night is judged against. */
    public static final int WINDOW = 10;
    /** Nights needed before the history may judge. */
    public static final int MIN_NIGHTS = 5;
    /** How far beyond the nights' own spread a change must be. */
    public static final double Z = 3.0;
    /** The least spread assumed, relative to the median. */
    public static final double MIN_SPREAD = 0.01;

    private TrendCheck() {
    }

    /**
     * The z-score of {@code value} against the last {@value #WINDOW} of {@code preceding} (oldest first); null when
     * fewer than {@value #MIN_NIGHTS} precede it or a value is not finite.
     */
    public static Double z(List<Double> preceding, double value) {
        double[] window = window(preceding);
        if (window.length < MIN_NIGHTS || !Double.isFinite(value)) {
            return null;
        }
        double median = median(window);
        double[] deviations = Arrays.stream(window).map(v -> Math.abs(v - median)).toArray();
        double spread = Math.max(1.4826 * median(deviations), MIN_SPREAD * Math.abs(median));
        return spread == 0 ? null : (value - median) / spread;
    }

    /** Nights a sustained shift is judged over (tonight and the nights just before it). */
    public static final int RECENT = 3;

    /**
     * A sustained slowdown, a change point at the start of the last {@value #RECENT} nights: each of them slower
     * than every one of the up to {@value #WINDOW} nights before them (at least {@value #MIN_NIGHTS}), and their
     * median slower than those nights' median by more than {@code minEffect}. Nights of one unchanged build are
     * exchangeable, so the first condition alone holds by chance with probability {@code RECENT! n! / (n + RECENT)!}
     * (1 in 286 for 10 nights); a slowdown too small for one night's comparison to resolve still shows here after a
     * few nights.
     *
     * @param preceding the nights before the recent ones, oldest first
     * @param recent    the last {@value #RECENT} nights, tonight last
     * @return the recent median over the preceding median, or null when there is no sustained slowdown
     */
    public static Double sustained(List<Double> preceding, List<Double> recent, double minEffect,
            boolean biggerIsBetter) {
        double[] window = window(preceding);
        double[] last = recent.stream().filter(v -> v != null && Double.isFinite(v)).mapToDouble(Double::doubleValue)
                .toArray();
        if (window.length < MIN_NIGHTS || last.length != RECENT || recent.size() != RECENT) {
            return null;
        }
        double sign = biggerIsBetter ? -1 : 1;
        double worstBefore = Arrays.stream(window).map(v -> sign * v).max().orElseThrow();
        if (Arrays.stream(last).map(v -> sign * v).min().orElseThrow() <= worstBefore) {
            return null;
        }
        double ratio = median(last) / median(window);
        boolean slower = biggerIsBetter ? ratio < 1 / (1 + minEffect) : ratio > 1 + minEffect;
        return slower ? ratio : null;
    }

    /** True when {@code z} says the figure moved beyond the nights' noise the way a slowdown moves it. */
    public static boolean slower(Double z, boolean biggerIsBetter) {
        return z != null && (biggerIsBetter ? z < -Z : z > Z);
    }

    /** The finite values of the last {@value #WINDOW} of {@code preceding}. */
    private static double[] window(List<Double> preceding) {
        return preceding.subList(Math.max(0, preceding.size() - WINDOW), preceding.size()).stream()
                .filter(v -> v != null && Double.isFinite(v)).mapToDouble(Double::doubleValue).toArray();
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
