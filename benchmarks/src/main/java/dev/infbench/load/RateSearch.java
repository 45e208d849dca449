package dev.infbench.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The highest open-loop rate whose p99 latency stays within an SLA: steps up by doubling from a start rate until a
 * step breaks the SLA, then bisects between the last step within it and the first over it, to a resolution. While no
 * step has met the SLA it halves the rate, a few times at most, and not at all once a step says no lower rate would
 * help ({@link Step#noLowerRate()}: the calls alone are over the SLA, or the requests hardly queued). Every step runs
 * enough requests for its p99 to rest on 10 requests beyond it (the suite's tail rule), and a step counts as within
 * the SLA only when the 95% upper bound of its p99 (an order-statistic bound) is, as over it only when the lower bound
 * is above; a step between the two is unresolved, which the search treats as over (the rate it names is one the
 * numbers say meets the SLA) and says so.
 */
public final class RateSearch {
    /** The requests a p99 needs: 10 beyond it. */
    public static final int MIN_REQUESTS = 1000;
    /** The most times the search halves a start rate over the SLA. */
    public static final int MAX_HALVINGS = 4;

    private RateSearch() {
    }

    /** Runs one step: the open loop over these arrivals (offsets from the step's start). */
    @FunctionalInterface
    public interface Load {
        OpenLoop.Result run(long[] arrivalsNs) throws Exception;
    }

    /** Runs one step at a rate and judges it against the SLA. */
    @FunctionalInterface
    public interface Stepper {
        Step run(double ratePerS) throws Exception;
    }

    /** Where a step's p99 stands against the SLA. */
    public enum Verdict { WITHIN, OVER, UNRESOLVED }

    /**
     * One step of the search.
     *
     * @param offeredPerS  the rate asked for
     * @param achievedPerS the rate served
     * @param requests     the requests of the step
     * @param p99Ms        the p99 latency (from each request's due time)
     * @param p99LowMs     the 95% lower bound of that p99
     * @param p99HighMs    the 95% upper bound
     * @param verdict      the p99 against the SLA
     * @param noLowerRate  why no lower rate would meet the SLA where this one does not, in words; null when one may
     *                     ({@link #noLowerRate(long[], long[], double)})
     */
    public record Step(double offeredPerS, double achievedPerS, int requests, double p99Ms, double p99LowMs,
                       double p99HighMs, Verdict verdict, String noLowerRate) {
    }

    /**
     * Requests wait less than this share of their call, on average, at a rate too low to matter: M/D/1's mean wait is
     * ρ/(2(1−ρ)) of a call, 10% at ρ ≈ 0.17, so a lower rate only measures the calls' own tail again.
     */
    public static final double HARDLY_QUEUED = 0.10;

    /**
     * Why no rate below a step's would meet the SLA, from the latency and the call time of each of its (unbatched)
     * requests, or null when a lower rate may: the calls alone, queueing aside, have a p99 over the SLA beyond doubt;
     * or the requests hardly queued ({@link #HARDLY_QUEUED}) and the calls' own p99 is not within the SLA beyond
     * doubt either, so that a lower rate, which at best measures the calls' own tail, changes nothing but the time a
     * step takes (its requests arrive more slowly). Calls whose own p99 is within the SLA leave a lower rate to try.
     */
    public static String noLowerRate(long[] latencyNs, long[] serviceNs, double slaMs) {
        Bounds calls = bounds(serviceNs);
        if (calls.lowMs() > slaMs) {
            return "the calls alone, queueing aside, have a p99 of " + figure(calls.p99Ms()) + " ms ("
                    + figure(calls.lowMs()) + "-" + figure(calls.highMs()) + ") over the SLA: no rate meets it";
        }
        double wait = 0;
        double call = 0;
        for (int i = 0; i < latencyNs.length; i++) {
            wait += latencyNs[i] - serviceNs[i];
            call += serviceNs[i];
        }
        if (latencyNs.length > 0 && wait < HARDLY_QUEUED * call && calls.highMs() > slaMs) {
            return "the requests hardly queued (a mean wait of " + figure(wait / latencyNs.length / 1e6)
                    + " ms against calls of " + figure(call / latencyNs.length / 1e6) + " ms), so a lower rate would"
                    + " at best measure the calls' own tail, whose p99 (" + figure(calls.p99Ms()) + " ms, "
                    + figure(calls.lowMs()) + "-" + figure(calls.highMs()) + ") is not within the SLA beyond doubt";
        }
        return null;
    }

    /** A p99 and its 95% order-statistic bounds, ms. */
    public record Bounds(double p99Ms, double lowMs, double highMs) {
    }

    /**
     * The search's answer.
     *
     * @param maxRatePerS the highest rate stepped whose p99 is within the SLA; null when not even the start rate is
     * @param steps       every step, in the order run
     * @param why         how the search ended, in words
     */
    public record Result(Double maxRatePerS, List<Step> steps, String why) {
    }

    /**
     * @param resolution stop bisecting when the rate over the SLA is within this factor of the rate within it
     *                   (0.05: 5%)
     * @param maxSteps   the most steps, whatever the resolution
     */
    public static Result search(Load load, double slaMs, double startPerS, int requestsPerStep, long seed,
                                double resolution, int maxSteps) throws Exception {
        if (requestsPerStep < MIN_REQUESTS) {
            throw new IllegalArgumentException("a step needs at least " + MIN_REQUESTS + " requests for its p99 (10"
                    + " beyond it), not " + requestsPerStep);
        }
        if (!(slaMs > 0)) {
            throw new IllegalArgumentException("a rate search needs a positive SLA, not " + slaMs);
        }
        // The same seed at every rate: the schedule's shape is the same, scaled, so steps differ by rate alone.
        return search(rate -> step(load.run(Arrivals.poisson(rate, requestsPerStep, seed)), rate, slaMs), startPerS,
                resolution, maxSteps);
    }

    /**
     * The search over steps that {@code stepper} runs and judges (each with enough requests for its verdict).
     *
     * @param resolution stop bisecting when the rate over the SLA is within this factor of the rate within it
     * @param maxSteps   the most steps, whatever the resolution
     */
    public static Result search(Stepper stepper, double startPerS, double resolution, int maxSteps)
            throws Exception {
        if (!(startPerS > 0) || !(resolution > 0) || maxSteps < 1) {
            throw new IllegalArgumentException("a rate search needs a positive SLA, start rate, resolution and steps");
        }
        List<Step> steps = new ArrayList<>();
        Double within = null;
        Double over = null;
        double rate = startPerS;
        while (steps.size() < maxSteps) {
            Step s = stepper.run(rate);
            steps.add(s);
            if (s.verdict() == Verdict.WITHIN) {
                within = within == null ? rate : Math.max(within, rate);
            } else {
                over = over == null ? rate : Math.min(over, rate);
            }
            if (within == null) {
                if (s.noLowerRate() != null) {
                    return new Result(null, steps, "none within the SLA: at " + figure(rate) + "/s "
                            + s.noLowerRate());
                }
                // Not even this rate: halve it until one is within the SLA, a few times at most (a step at a low rate
                // takes long: its requests arrive slowly).
                if (rate < startPerS / (1 << MAX_HALVINGS) * 1.5) {
                    return new Result(null, steps, "none within the SLA down to " + figure(rate) + "/s, "
                            + MAX_HALVINGS + " halvings below the start rate");
                }
                rate = rate / 2;
                continue;
            }
            if (over == null) {
                rate = within * 2;
            } else if (over / within <= 1 + resolution) {
                return new Result(within, steps, "bisected to within " + figure(100 * resolution) + "%: "
                        + figure(within) + "/s within the SLA, " + figure(over) + "/s not");
            } else {
                rate = Math.sqrt(within * over);
            }
        }
        return new Result(within, steps, "stopped after " + maxSteps + " steps" + (within == null
                ? ", none within the SLA (the lowest, " + figure(over) + "/s, not)" : over == null
                ? ", every one within the SLA" : ", " + figure(over) + "/s not within it"));
    }

    /** A step's figures from its run: the p99 and its 95% order-statistic bounds, and its verdict. */
    static Step step(OpenLoop.Result r, double offeredPerS, double slaMs) {
        Bounds b = bounds(r.latencyNs());
        return new Step(offeredPerS, r.achievedPerS(), r.latencyNs().length, b.p99Ms(), b.lowMs(), b.highMs(),
                verdict(b, slaMs), noLowerRate(r.latencyNs(), r.serviceNs(), slaMs));
    }

    /** Within when the p99's upper bound is within the SLA, over when its lower bound is over it, else unresolved. */
    public static Verdict verdict(Bounds b, double slaMs) {
        return b.highMs() <= slaMs ? Verdict.WITHIN : b.lowMs() > slaMs ? Verdict.OVER : Verdict.UNRESOLVED;
    }

    /** The p99 of latencies (ns) and the ranks between which the true p99 lies with 95% confidence, in ms. */
    public static Bounds bounds(long[] latencyNs) {
        long[] sorted = latencyNs.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        if (n == 0) {
            return new Bounds(Double.NaN, Double.NaN, Double.NaN);
        }
        double q = 0.99;
        // Normal approximation to the binomial count of requests below the true p99.
        double spread = 1.96 * Math.sqrt(n * q * (1 - q));
        int point = rank(n * q, n);
        int low = rank(n * q - spread, n);
        int high = rank(n * q + spread + 1, n);
        return new Bounds(sorted[point] / 1e6, sorted[low] / 1e6, sorted[high] / 1e6);
    }

    private static int rank(double oneBased, int n) {
        return (int) Math.max(0, Math.min(n - 1, Math.ceil(oneBased) - 1));
    }

    private static String figure(double v) {
        return String.format(java.util.Locale.ROOT, v >= 100 || v == Math.rint(v) ? "%.0f" : "%.3g", v);
    }
}
