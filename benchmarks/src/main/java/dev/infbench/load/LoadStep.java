package dev.infbench.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One load step: open-loop Poisson arrivals at one rate on the batching server ({@link DynamicBatcher}), run as
 * consecutive windows of one continuous schedule (the queue carries over from window to window) until the last
 * {@value #STABLE_WINDOWS} windows agree, or a cap, as perf_analyzer does. The step's figures are those of its last
 * {@value #STABLE_WINDOWS} windows: the earlier ones are the queue filling up from empty.
 *
 * <p>Stable: each of the last windows' achieved rate and median latency within {@code ±10%} of their mean, and their
 * rate within 10% of the offered one; or, for windows of fewer than 400 requests, within {@code ±2/√n}, which is what
 * the count of n Poisson arrivals alone moves by (±20% at 100 requests): a window's rate could not otherwise pass for
 * stable by more than chance at low rates, and a step would run to its cap for want of arrivals, not of a steady state.
 * A queue that grows without bound has medians that, late enough, differ by little from window to window, but it
 * serves less than arrives, hence the rate served against the rate offered. A step
 * whose first window's p99 is already over the SLA beyond doubt (its 95% lower bound above it) ends there: more
 * windows of a growing queue would only take longer to say so.
 */
public final class LoadStep {
    /** The windows that must agree. */
    public static final int STABLE_WINDOWS = 3;
    /** How far from their mean they may be. */
    public static final double STABLE_WITHIN = 0.10;

    private LoadStep() {
    }

    /**
     * How a step runs.
     *
     * @param windowRequests requests per window; {@value #STABLE_WINDOWS} of them make the step's figures
     * @param maxWindows     the cap
     * @param maxBatch       the largest batch the server forms (1: no batching)
     * @param maxDelayNs     the longest the oldest request waits for a batch to fill
     * @param seed           the arrivals' seed
     */
    public record Plan(int windowRequests, int maxWindows, int maxBatch, long maxDelayNs, long seed) {
        public Plan {
            if (windowRequests < 1 || maxWindows < STABLE_WINDOWS || maxBatch < 1 || maxDelayNs < 0) {
                throw new IllegalArgumentException("a step needs windows of 1+ requests, " + STABLE_WINDOWS
                        + "+ windows, a batch of 1+ and no negative delay");
            }
        }
    }

    /** One window: its requests, the rate they were served at, and their median latency. */
    public record Window(int requests, double achievedPerS, double p50Ms) {
    }

    /**
     * What a step measured.
     *
     * @param offeredPerS  the rate asked for
     * @param windows      every window run, in order
     * @param stable       whether the last {@value #STABLE_WINDOWS} agreed
     * @param latencyNs    the latency of each request of the last {@value #STABLE_WINDOWS} windows (fewer windows
     *                     when the step ended early, over the SLA)
     * @param queueingNs   their waits before their call started (latency − service)
     * @param achievedPerS those requests over the time their windows took
     * @param meanBatch    the mean batch of the calls of the whole step
     * @param latenessP99Ns the 99th percentile of the loop's own delay per call (see {@link DynamicBatcher.Result})
     * @param endedOver    true when the step ended after its first window, over the SLA beyond doubt
     */
    public record Outcome(double offeredPerS, List<Window> windows, boolean stable, long[] latencyNs,
                          long[] queueingNs, double achievedPerS, double meanBatch, long latenessP99Ns,
                          boolean endedOver) {
    }

    /** Runs a step at {@code ratePerS}; {@code slaMs} only ends a step early that is over it beyond doubt. */
    public static Outcome run(double ratePerS, Plan plan, double slaMs, Clock clock, DynamicBatcher.BatchCall call)
            throws Exception {
        int w = plan.windowRequests();
        long[] arrivals = Arrivals.poisson(ratePerS, w * plan.maxWindows(), plan.seed());
        List<Window> windows = new ArrayList<>();
        boolean[] stable = {false};
        boolean[] over = {false};
        DynamicBatcher.Result r = DynamicBatcher.run(arrivals, plan.maxBatch(), plan.maxDelayNs(), clock, call,
                (served, sofar) -> {
                    while (served >= (windows.size() + 1) * w) {
                        windows.add(window(sofar, windows.size(), w));
                        if (windows.size() == 1 && slaMs > 0 && RateSearch.bounds(slice(sofar.latencyNs(), 0, w))
                                .lowMs() > slaMs) {
                            over[0] = true;
                            return false;
                        }
                        if (stable(windows, ratePerS)) {
                            stable[0] = true;
                            return false;
                        }
                    }
                    return true;
                });
        while (r.served() >= (windows.size() + 1) * w) { // the last window, closed by the run's end
            windows.add(window(r, windows.size(), w));
            stable[0] = stable(windows, ratePerS);
        }
        int kept = over[0] ? 1 : Math.min(STABLE_WINDOWS, windows.size());
        int from = (windows.size() - kept) * w;
        int to = windows.size() * w;
        long[] latency = slice(r.latencyNs(), from, to);
        long[] queueing = new long[latency.length];
        for (int i = 0; i < latency.length; i++) {
            queueing[i] = r.latencyNs()[from + i] - r.serviceNs()[from + i];
        }
        long startNs = from == 0 ? 0 : r.doneNs()[from - 1];
        double achieved = (to - from) / ((r.doneNs()[to - 1] - startNs) / 1e9);
        long[] late = r.latenessNs().clone();
        Arrays.sort(late);
        long lateP99 = late.length == 0 ? 0 : late[(int) Math.ceil(0.99 * late.length) - 1];
        return new Outcome(ratePerS, List.copyOf(windows), stable[0] && !over[0], latency, queueing, achieved,
                r.meanBatch(), lateP99, over[0]);
    }

    /**
     * Whether the last {@value #STABLE_WINDOWS} windows' rates and medians are each within 10% of their mean, and the
     * rate over them within 10% of {@code offeredPerS} (when positive).
     */
    public static boolean stable(List<Window> windows, double offeredPerS) {
        if (windows.size() < STABLE_WINDOWS) {
            return false;
        }
        List<Window> last = windows.subList(windows.size() - STABLE_WINDOWS, windows.size());
        // The rate over the windows together: requests over the sum of their durations.
        double seconds = last.stream().mapToDouble(x -> x.requests() / x.achievedPerS()).sum();
        int requests = last.stream().mapToInt(Window::requests).sum();
        double served = requests / seconds;
        if (offeredPerS > 0 && Math.abs(served - offeredPerS) > tolerance(requests) * offeredPerS) {
            return false;
        }
        double within = tolerance(last.stream().mapToInt(Window::requests).min().orElse(1));
        return agree(last.stream().mapToDouble(Window::achievedPerS).toArray(), within)
                && agree(last.stream().mapToDouble(Window::p50Ms).toArray(), within);
    }

    /** 10%, or the ±2/√n that n Poisson arrivals move by alone, whichever is wider. */
    static double tolerance(int requests) {
        return Math.max(STABLE_WITHIN, 2 / Math.sqrt(Math.max(1, requests)));
    }

    private static boolean agree(double[] values, double within) {
        double mean = Arrays.stream(values).average().orElse(Double.NaN);
        return mean > 0 && Arrays.stream(values).allMatch(v -> Math.abs(v - mean) <= within * mean);
    }

    private static Window window(DynamicBatcher.Result r, int k, int w) {
        int from = k * w;
        int to = from + w;
        long startNs = from == 0 ? 0 : r.doneNs()[from - 1];
        long[] latency = slice(r.latencyNs(), from, to);
        Arrays.sort(latency);
        return new Window(w, w / ((r.doneNs()[to - 1] - startNs) / 1e9), latency[(w - 1) / 2] / 1e6);
    }

    private static long[] slice(long[] values, int from, int to) {
        return Arrays.copyOfRange(values, from, to);
    }
}
