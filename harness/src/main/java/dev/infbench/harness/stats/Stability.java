package dev.infbench.harness.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a cell's timings held still: a verdict from the spread of its iteration means.
 *
 * <ul>
 *   <li>{@code cv}: coefficient of variation (sample standard deviation over mean) of the per-iteration means of all
 *       forks and iterations together; null with fewer than two iterations.</li>
 *   <li>{@code forkSpread}: (max − min) / mean of the fork means, each fork's mean being the mean of its iteration
 *       means; null with one fork, whose fork-to-fork noise is then untested.</li>
 * </ul>
 *
 * <p>The cell is <b>stable</b> when {@code cv ≤ }{@value #MAX_CV} and {@code forkSpread ≤ }{@value #MAX_FORK_SPREAD}
 * (a missing fork spread does not count against it, but the verdict says it was not tested), and <b>unstable</b>
 * otherwise. With fewer than two iterations nothing can be said: {@link #stable()} is null.
 *
 * @param cv         coefficient of variation of iteration means, or null
 * @param forkSpread relative spread of fork means, or null
 * @param forks      forks with at least one iteration
 * @param iterations iterations over all forks
 */
public record Stability(Double cv, Double forkSpread, int forks, int iterations) {

    /** Largest coefficient of variation of iteration means for a stable cell. */
    public static final double MAX_CV = 0.05;
    /** Largest relative spread of fork means for a stable cell. */
    public static final double MAX_FORK_SPREAD = 0.05;

    /**
     * The stability of iteration scores (per-iteration means of a SampleTime cell, or the iteration scores of another
     * mode) given per fork. Non-finite scores make the figures they enter unknown.
     */
    public static Stability of(List<List<Double>> iterationsPerFork) {
        double[][] forks = new double[iterationsPerFork.size()][];
        for (int f = 0; f < forks.length; f++) {
            forks[f] = iterationsPerFork.get(f).stream().mapToDouble(Double::doubleValue).toArray();
        }
        return of(forks);
    }

    /** {@link #of(List)} over primitive arrays: forks → iteration scores. */
    public static Stability of(double[][] iterationsPerFork) {
        int iterations = 0;
        int forks = 0;
        double sum = 0;
        double minForkMean = Double.POSITIVE_INFINITY;
        double maxForkMean = Double.NEGATIVE_INFINITY;
        double sumForkMeans = 0;
        for (double[] fork : iterationsPerFork) {
            if (fork.length == 0) {
                continue;
            }
            double forkSum = 0;
            for (double x : fork) {
                forkSum += x;
            }
            double forkMean = forkSum / fork.length;
            forks++;
            iterations += fork.length;
            sum += forkSum;
            sumForkMeans += forkMean;
            minForkMean = Math.min(minForkMean, forkMean);
            maxForkMean = Math.max(maxForkMean, forkMean);
        }
        Double cv = null;
        if (iterations >= 2) {
            double mean = sum / iterations;
            double squares = 0;
            for (double[] fork : iterationsPerFork) {
                for (double x : fork) {
                    squares += (x - mean) * (x - mean);
                }
            }
            cv = finite(Math.sqrt(squares / (iterations - 1)) / Math.abs(mean));
        }
        Double spread = null;
        if (forks >= 2) {
            spread = finite((maxForkMean - minForkMean) / Math.abs(sumForkMeans / forks));
        }
        return new Stability(cv, spread, forks, iterations);
    }

    /** True when stable, false when unstable, null when untested (fewer than two iterations, or unknown figures). */
    public Boolean stable() {
        if (cv == null) {
            return null;
        }
        return cv <= MAX_CV && (forkSpread == null || forkSpread <= MAX_FORK_SPREAD);
    }

    /**
     * The verdict in words, e.g. {@code stable}, {@code unstable: cv 0.081 > 0.05},
     * {@code stable; 1 fork: fork-to-fork noise untested}.
     */
    public String verdict() {
        Boolean stable = stable();
        StringBuilder text = new StringBuilder();
        if (stable == null) {
            text.append(iterations < 2 ? iterations + " iteration: iteration-to-iteration noise untested"
                    : "untested: iteration means are not finite numbers");
        } else if (stable) {
            text.append("stable");
        } else {
            List<String> causes = new ArrayList<>();
            if (cv > MAX_CV) {
                causes.add("cv " + figure(cv) + " > " + MAX_CV);
            }
            if (forkSpread != null && forkSpread > MAX_FORK_SPREAD) {
                causes.add("fork spread " + figure(forkSpread) + " > " + MAX_FORK_SPREAD);
            }
            text.append("unstable: ").append(String.join(", ", causes));
        }
        if (forks == 1) {
            text.append("; 1 fork: fork-to-fork noise untested");
        }
        return text.toString();
    }

    private static String figure(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
