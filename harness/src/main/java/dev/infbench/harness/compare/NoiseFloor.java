package dev.infbench.harness.compare;

import java.util.Map;

/**
 * How far a fork can move on the machine of two compared runs: the largest fork-to-fork spread (standard deviation
 * of the logarithms of fork medians, pooled over both runs) of any cell compared. Every cell's interval over forks
 * assumes at least this spread, so a cell whose forks happened to share one regime of a shared machine in each run
 * does not look more certain than the machine allows.
 *
 * @param sd     the spread, log scale (0.1 ≈ ±10% per fork)
 * @param params the cell that showed it
 */
public record NoiseFloor(double sd, Map<String, String> params) {

    public NoiseFloor {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }

    /**
     * The smallest change a cell with {@code forks} forks in each run could resolve at this floor: the ratio at
     * which its interval at {@code confidence} (t with 2 × forks − 2 degrees of freedom) just clears 1. NaN for
     * fewer than 2 forks.
     */
    public double resolvableRatio(int forks, double confidence) {
        if (forks < 2) {
            return Double.NaN;
        }
        double t = dev.infbench.harness.stats.StudentT.critical(confidence, 2 * forks - 2);
        return Math.exp(t * sd * Math.sqrt(2.0 / forks));
    }
}
