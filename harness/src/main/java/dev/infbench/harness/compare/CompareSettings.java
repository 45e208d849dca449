package dev.infbench.harness.compare;

/**
 * How strict a comparison is.
 *
 * @param alpha     significance level of the Mann-Whitney test; 0.001 by default, as Apache Otava uses, because a
 *                  sweep compares many cells and a looser level would flag some by chance
 * @param minEffect smallest relative change of the median that counts, e.g. 0.05 for 5%: a statistically certain
 *                  1% change is real but rarely worth a verdict, and run-to-run drift is of that size
 * @param force     compare even when the hardware keys differ or cannot be checked
 */
public record CompareSettings(double alpha, double minEffect, boolean force) {

    public static final double DEFAULT_ALPHA = 0.001;
    public static final double DEFAULT_MIN_EFFECT = 0.05;

    public CompareSettings {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be between 0 and 1 (exclusive), was " + alpha);
        }
        if (!(minEffect >= 0) || Double.isInfinite(minEffect)) {
            throw new IllegalArgumentException("min effect must be 0 or more, was " + minEffect);
        }
    }

    /** Alpha 0.001, minimum effect 5%, no forcing. */
    public static CompareSettings defaults() {
        return new CompareSettings(DEFAULT_ALPHA, DEFAULT_MIN_EFFECT, false);
    }

    /** Ratios above this are slower by more than the minimum effect. */
    double slowerThan() {
        return 1 + minEffect;
    }

    /** Ratios below this are faster by more than the minimum effect (symmetric: 1 / (1 + effect)). */
    double fasterThan() {
        return 1 / (1 + minEffect);
    }
}
