package dev.infbench.harness.stats;

import java.util.List;

/**
 * Two-sided Mann-Whitney U test (Wilcoxon rank-sum) on two weighted histograms, with the normal approximation,
 * tie correction and continuity correction.
 *
 * <p>Why this test: per-call latencies are skewed and multi-modal, so a t-test on means is dominated by the slow
 * tail; the rank test asks only whether a call from one run tends to be slower than a call from the other. JMH's
 * histograms are binned, so ties are the rule, and the tie correction of the variance matters. With thousands of
 * calls per cell the normal approximation is accurate; ranks are computed per distinct value, so the cost is linear
 * in the number of bins, not of calls.
 */
public final class MannWhitney {

    /**
     * @param u      U statistic of the first sample: how many (first, second) pairs have the first larger, ties half
     * @param z      standardized U; positive when the first sample tends to be larger (slower)
     * @param pValue two-sided p-value; 1 when either sample is empty or every value is tied
     * @param n1     size of the first sample
     * @param n2     size of the second sample
     */
    public record Result(double u, double z, double pValue, long n1, long n2) {

        /** True when {@link #pValue()} is below {@code alpha}. */
        public boolean significant(double alpha) {
            return pValue < alpha;
        }
    }

    private MannWhitney() {
    }

    /** Tests whether {@code first} and {@code second} come from the same distribution. */
    public static Result test(LatencyHistogram first, LatencyHistogram second) {
        double n1 = first.count();
        double n2 = second.count();
        if (n1 == 0 || n2 == 0) {
            return new Result(Double.NaN, 0, 1, first.count(), second.count());
        }
        List<LatencyHistogram.Bin> a = first.bins();
        List<LatencyHistogram.Bin> b = second.bins();
        int i = 0;
        int j = 0;
        double ranked = 0; // calls already given ranks
        double rankSumFirst = 0;
        double tieTerm = 0; // sum over tie groups of t^3 - t
        while (i < a.size() || j < b.size()) {
            double value = Math.min(i < a.size() ? a.get(i).valueMs() : Double.POSITIVE_INFINITY,
                    j < b.size() ? b.get(j).valueMs() : Double.POSITIVE_INFINITY);
            double countFirst = 0;
            double countSecond = 0;
            if (i < a.size() && a.get(i).valueMs() == value) {
                countFirst = a.get(i++).count();
            }
            if (j < b.size() && b.get(j).valueMs() == value) {
                countSecond = b.get(j++).count();
            }
            double tied = countFirst + countSecond;
            // The tied calls share ranks ranked+1 .. ranked+tied; each gets their mean.
            rankSumFirst += countFirst * (ranked + (tied + 1) / 2);
            tieTerm += tied * tied * tied - tied;
            ranked += tied;
        }
        double n = n1 + n2;
        double u = rankSumFirst - n1 * (n1 + 1) / 2;
        double mean = n1 * n2 / 2;
        double variance = n1 * n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1)));
        if (!(variance > 0)) {
            return new Result(u, 0, 1, first.count(), second.count());
        }
        double distance = Math.max(0, Math.abs(u - mean) - 0.5);
        double z = Math.copySign(distance / Math.sqrt(variance), u - mean);
        double p = Math.min(1, erfc(Math.abs(z) / Math.sqrt(2)));
        return new Result(u, z, p, first.count(), second.count());
    }

    /**
     * Complementary error function, Chebyshev fit with fractional error below 1.2e-7 everywhere (Numerical Recipes,
     * {@code erfcc}); ample for p-values compared with alpha of 0.001 and above.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
