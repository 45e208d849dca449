package dev.infbench.load;

import java.util.SplittableRandom;

/** When the requests of an open-loop run arrive: offsets from its start, in nanoseconds, ascending. */
public final class Arrivals {
    private Arrivals() {
    }

    /**
     * A Poisson process of {@code ratePerS} requests per second: {@code count} arrivals whose gaps are exponential,
     * drawn from {@code seed} (the same seed, the same schedule, on every machine).
     */
    public static long[] poisson(double ratePerS, int count, long seed) {
        if (!(ratePerS > 0) || Double.isInfinite(ratePerS) || count < 0) {
            throw new IllegalArgumentException("a Poisson schedule needs a positive rate and a count, not " + ratePerS
                    + "/s × " + count);
        }
        SplittableRandom random = new SplittableRandom(seed);
        long[] at = new long[count];
        double t = 0;
        for (int i = 0; i < count; i++) {
            // -ln(U) / λ with U in (0, 1]: nextDouble() is in [0, 1).
            t += -Math.log(1 - random.nextDouble()) / ratePerS * 1e9;
            at[i] = Math.round(t);
        }
        return at;
    }

    /** Evenly spaced arrivals at {@code ratePerS}: the deterministic schedule (D/·/1), for tests and comparisons. */
    public static long[] uniform(double ratePerS, int count) {
        if (!(ratePerS > 0) || Double.isInfinite(ratePerS) || count < 0) {
            throw new IllegalArgumentException("a schedule needs a positive rate and a count, not " + ratePerS + "/s × "
                    + count);
        }
        long[] at = new long[count];
        for (int i = 0; i < count; i++) {
            at[i] = Math.round((i + 1) / ratePerS * 1e9);
        }
        return at;
    }
}
