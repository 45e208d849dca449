package dev.infbench.harness.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How much larger one cell's figure is than another's (A / B), with a 95% interval whose unit of replication is the
 * round.
 *
 * <p><b>Paired</b> ({@link #paired}): when both cells ran in the same rounds, each round gives one ratio of the two
 * forks it ran, close together in time, so a slow minute of the machine hits both and cancels. The estimate is the
 * geometric mean of the per-round ratios, the interval a t interval on their logarithms (k − 1 degrees of freedom
 * for k common rounds). <b>Unpaired</b> ({@link #unpaired}): two runs, or cells without common rounds: the ratio of
 * the geometric means of their fork values, with Welch's interval on the logarithms, which carries both cells' fork
 * noise (and so is wider).
 *
 * <p><b>Verdict</b> ({@link #verdict}) against a minimum effect e (default 5%): {@link Verdict#HIGHER} or
 * {@link Verdict#LOWER} when the interval excludes 1; {@link Verdict#SAME} when it lies within [1/(1+e), 1+e]
 * (whatever difference there is, it is smaller than anyone should act on); {@link Verdict#UNRESOLVED} otherwise,
 * including when there are too few rounds for an interval.
 *
 * @param estimate the ratio A / B
 * @param interval its 95% interval, or null with fewer than 2 rounds (paired) or 2 forks on either side
 * @param rounds   the rounds (or, unpaired, the smaller of the two fork counts) behind it
 * @param paired   whether the ratio pairs forks of the same rounds
 */
public record Ratio(double estimate, Interval interval, int rounds, boolean paired) {

    /** The minimum effect below which a difference is "no measurable difference": 5%. */
    public static final double DEFAULT_MIN_EFFECT = 0.05;

    /** What the numbers say about A against B. */
    public enum Verdict {
        /** A is larger: the interval lies above 1. */
        HIGHER,
        /** A is smaller: the interval lies below 1. */
        LOWER,
        /** The interval lies within the minimum effect around 1. */
        SAME,
        /** Too few rounds, or an interval that spans 1 and more than the minimum effect. */
        UNRESOLVED
    }

    /**
     * The paired ratio of {@code a} over {@code b}, each a value per round; rounds where either lacks a finite
     * positive value are left out. Null when no round is common.
     */
    public static Ratio paired(Map<Integer, Double> a, Map<Integer, Double> b) {
        List<Double> logs = new ArrayList<>();
        for (Map.Entry<Integer, Double> e : new TreeMap<>(a).entrySet()) {
            Double other = b.get(e.getKey());
            if (positive(e.getValue()) && positive(other)) {
                logs.add(Math.log(e.getValue() / other));
            }
        }
        int k = logs.size();
        if (k == 0) {
            return null;
        }
        double[] x = logs.stream().mapToDouble(Double::doubleValue).toArray();
        double mean = ForkStatistic.LogStats.mean(x);
        if (k < 2) {
            return new Ratio(Math.exp(mean), null, k, true);
        }
        double half = StudentT.critical(Interval.CONFIDENCE, k - 1) * ForkStatistic.LogStats.sd(x) / Math.sqrt(k);
        return new Ratio(Math.exp(mean), new Interval(Math.exp(mean - half), Math.exp(mean + half)), k, true);
    }

    /**
     * The unpaired ratio of the geometric means of {@code a} and {@code b} (one value per fork each), with Welch's
     * t interval on the logarithms. Null when either side has no finite positive value.
     */
    public static Ratio unpaired(double[] a, double[] b) {
        double[] la = logs(a);
        double[] lb = logs(b);
        if (la.length == 0 || lb.length == 0) {
            return null;
        }
        double diff = ForkStatistic.LogStats.mean(la) - ForkStatistic.LogStats.mean(lb);
        int k = Math.min(la.length, lb.length);
        if (la.length < 2 || lb.length < 2) {
            return new Ratio(Math.exp(diff), null, k, false);
        }
        double va = Math.pow(ForkStatistic.LogStats.sd(la), 2) / la.length;
        double vb = Math.pow(ForkStatistic.LogStats.sd(lb), 2) / lb.length;
        double se = Math.sqrt(va + vb);
        double df = se == 0 ? la.length + lb.length - 2
                : Math.pow(va + vb, 2) / (va * va / (la.length - 1) + vb * vb / (lb.length - 1));
        return unpaired(diff, StudentT.critical(Interval.CONFIDENCE, Math.max(1, df)) * se, k);
    }

    /** An unpaired ratio {@code exp(diff)} with the interval {@code exp(diff ± half)}. */
    private static Ratio unpaired(double diff, double half, int k) {
        return new Ratio(Math.exp(diff), new Interval(Math.exp(diff - half), Math.exp(diff + half)), k, false);
    }

    /**
     * The fork-to-fork spread of two sides together: the pooled standard deviation of the logarithms of {@code a}'s
     * and {@code b}'s values around each side's own mean, with its degrees of freedom. Null without 2 finite positive
     * values on each side.
     */
    public static Spread spread(double[] a, double[] b) {
        double[] la = logs(a);
        double[] lb = logs(b);
        if (la.length < 2 || lb.length < 2) {
            return null;
        }
        int df = la.length + lb.length - 2;
        double squares = Math.pow(ForkStatistic.LogStats.sd(la), 2) * (la.length - 1)
                + Math.pow(ForkStatistic.LogStats.sd(lb), 2) * (lb.length - 1);
        return new Spread(Math.sqrt(squares / df), df);
    }

    /**
     * A fork-to-fork spread on the log scale (0.1 ≈ ±10% per fork) and its degrees of freedom.
     *
     * @param sd standard deviation of log fork values
     * @param df degrees of freedom behind it
     */
    public record Spread(double sd, int df) {
    }

    /**
     * The unpaired ratio of the geometric means of {@code a} and {@code b} with a pooled-variance t interval on the
     * logarithms whose standard deviation is at least {@code floorSd}: the larger of the two sides' own
     * {@linkplain #spread spread} and a noise floor known from elsewhere (e.g. the noisiest cell of the same two
     * runs). With 2 or 3 forks a side, a cell's own spread is a poor estimate: it often comes out small by chance
     * when a machine regime lasted the whole of one cell's forks. Null when either side has no finite positive value.
     */
    public static Ratio unpaired(double[] a, double[] b, double floorSd) {
        return unpaired(a, b, floorSd, Interval.CONFIDENCE);
    }

    /** {@link #unpaired(double[], double[], double)} at another confidence (0.99: a 99% interval). */
    public static Ratio unpaired(double[] a, double[] b, double floorSd, double confidence) {
        double[] la = logs(a);
        double[] lb = logs(b);
        if (la.length == 0 || lb.length == 0) {
            return null;
        }
        double diff = ForkStatistic.LogStats.mean(la) - ForkStatistic.LogStats.mean(lb);
        int k = Math.min(la.length, lb.length);
        Spread own = spread(a, b);
        if (own == null) {
            return new Ratio(Math.exp(diff), null, k, false);
        }
        double sd = Math.max(own.sd(), floorSd);
        return unpaired(diff, StudentT.critical(confidence, own.df()) * sd * Math.sqrt(1.0 / la.length
                + 1.0 / lb.length), k);
    }

    /** The verdict at minimum effect {@code minEffect} (0.05 = 5%). */
    public Verdict verdict(double minEffect) {
        if (interval == null) {
            return Verdict.UNRESOLVED;
        }
        if (interval.low() >= 1 / (1 + minEffect) && interval.high() <= 1 + minEffect) {
            return Verdict.SAME;
        }
        if (interval.low() > 1) {
            return Verdict.HIGHER;
        }
        if (interval.high() < 1) {
            return Verdict.LOWER;
        }
        return Verdict.UNRESOLVED;
    }

    /** This ratio the other way round (B / A). */
    public Ratio inverse() {
        return new Ratio(1 / estimate, interval == null ? null : new Interval(1 / interval.high(),
                1 / interval.low()), rounds, paired);
    }

    private static boolean positive(Double v) {
        return v != null && v > 0 && Double.isFinite(v);
    }

    private static double[] logs(double[] v) {
        return java.util.Arrays.stream(v).filter(x -> x > 0 && Double.isFinite(x)).map(Math::log).toArray();
    }
}
