package dev.infbench.bench;

import dev.infbench.backend.BackendSession;
import dev.infbench.config.CellConfig;
import dev.infbench.format.ForkMetrics;
import dev.infbench.load.Arrivals;
import dev.infbench.load.Clock;
import dev.infbench.load.DynamicBatcher;
import dev.infbench.load.LoadStep;
import dev.infbench.load.RateSearch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A serving scenario's measurement inside a fork ({@link InferenceBenchmark#serve}): the fork drives the load itself
 * on the real clock, with the requests of a {@link RequestPool}, and hands its figures ({@link ForkMetrics}'s
 * {@code load.*} names) to the fork profiler, which returns them as secondary results of JMH's own.
 *
 * <ul>
 *   <li><b>server</b>: open-loop Poisson arrivals at {@code rate}, or (rate 0) a search for the highest rate whose
 *       p99 is within the SLA ({@link RateSearch}, each step in windows until stable, {@link LoadStep}); each call
 *       binds its request's inputs and runs them, as a server does with a request it receives;</li>
 *   <li><b>offline</b>: every sample there at once, calls of the cell's batch back to back, inputs rotated;</li>
 *   <li><b>concurrency</b>: {@code callers} closed-loop callers over {@code sessions} sessions, each session's inputs
 *       bound once and shared by its callers (as JMH's {@code -t} shares one session).</li>
 * </ul>
 */
final class ServingFork {
    /** The latency SLA, ms, from the launcher's {@code --sla-ms}. */
    static final String SLA_PROPERTY = "infbench.sla_ms";
    /** Seconds of warmup calls before the load, from the run's warmup iterations. */
    static final String WARMUP_PROPERTY = "infbench.load.warmup_s";
    /** Seconds of arrivals per window (at least {@link #MIN_WINDOW_REQUESTS} requests), from the run's {@code -r}. */
    static final String WINDOW_PROPERTY = "infbench.load.window_s";
    /**
     * The {@value LoadStep#STABLE_WINDOWS} windows a step's figures come from hold {@link RateSearch#MIN_REQUESTS}
     * requests together, so that its p99 rests on 10 requests beyond it, the suite's tail rule (MLPerf's early
     * stopping would accept 299 for a 95% bound; the bounds shown with every p99 narrow as the count grows). At the
     * rates a model meets an SLA with, a window is usually its time (-r) of arrivals, more.
     */
    static final int MIN_WINDOW_REQUESTS = (RateSearch.MIN_REQUESTS + LoadStep.STABLE_WINDOWS - 1)
            / LoadStep.STABLE_WINDOWS;
    static final int MAX_WINDOWS = 6;
    static final int MAX_STEPS = 10;
    /** The search stops when the rate over the SLA is within 10% of the rate within it. */
    static final double RESOLUTION = 0.10;
    /** Requests the load generator's own cost is measured on, with a call that returns at once. */
    static final int GENERATOR_REQUESTS = 200_000;

    private ServingFork() {
    }

    static double slaMs() {
        return Double.parseDouble(System.getProperty(SLA_PROPERTY, "50"));
    }

    static double seconds(String property, double otherwise) {
        String v = System.getProperty(property);
        return v == null ? otherwise : Double.parseDouble(v);
    }

    /** Runs the cell's scenario; returns its figures by {@link ForkMetrics} name. */
    static Map<String, Double> run(CellConfig cell, List<BackendSession> sessions, RequestPool pool)
            throws Exception {
        double warmupS = seconds(WARMUP_PROPERTY, 3);
        double windowS = seconds(WINDOW_PROPERTY, 2);
        return switch (cell.scenario()) {
            case SERVER -> server(cell, sessions.get(0), pool, warmupS, windowS);
            case OFFLINE -> offline(cell, sessions.get(0), pool, warmupS, windowS);
            case CONCURRENCY -> concurrency(cell, sessions, warmupS, windowS);
            case SINGLE -> throw new IllegalStateException("scenario single is JMH's own closed loop (infer)");
        };
    }

    private static Map<String, Double> server(CellConfig cell, BackendSession session, RequestPool pool,
            double warmupS, double windowS) throws Exception {
        double sla = slaMs();
        DynamicBatcher.BatchCall call = (first, size) -> {
            session.bind(pool.get(size, first));
            session.run();
        };
        // Warm every call size the batcher may form, and time batch 1's calls: the capacity the search starts from.
        double serviceS = warmup(call, 1, cell.batch(), warmupS);
        double generator = generatorMaxPerS();
        System.out.printf(java.util.Locale.ROOT, "%n  warmup: %.2f ms a call of batch 1; the load generator offers up"
                + " to %.0f requests/s with a call that returns at once%n", serviceS * 1e3, generator);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(ForkMetrics.LOAD_SLA_MS, sla);
        out.put(ForkMetrics.LOAD_GENERATOR_MAX_PER_S, generator);
        long delayNs = cell.maxDelayMs() * 1_000_000L;
        List<LoadStep.Outcome> outcomes = new ArrayList<>();
        RateSearch.Stepper stepper = rate -> {
            int w = (int) Math.max(MIN_WINDOW_REQUESTS, Math.ceil(rate * windowS));
            LoadStep.Outcome o = LoadStep.run(rate, new LoadStep.Plan(w, MAX_WINDOWS, cell.batch(), delayNs,
                    20_261_203L + outcomes.size()), sla, Clock.SYSTEM, call);
            outcomes.add(o);
            RateSearch.Step s = step(o, sla);
            // The fork's log shows the load as it goes: a search takes minutes.
            System.out.printf(java.util.Locale.ROOT, "%n  load step %d: %.3g/s offered, %.3g/s served, p50 %.1f ms,"
                    + " p99 %.1f ms (%.1f-%.1f; the calls alone %.1f), %d requests in %d windows (%s), mean batch"
                    + " %.2f: %s%n", outcomes.size(), rate, s.achievedPerS(), quantile(o.latencyNs(), 0.5), s.p99Ms(),
                    s.p99LowMs(), s.p99HighMs(), quantile(service(o), 0.99), s.requests(), o.windows().size(), o.stable() ? "stable" : o.endedOver()
                    ? "over the SLA after one" : "not stable", o.meanBatch(), s.verdict());
            return s;
        };
        LoadStep.Outcome measured;
        if (cell.rate() > 0) {
            stepper.run(cell.rate());
            measured = outcomes.get(0);
        } else {
            // Half the capacity of unbatched calls: within the SLA for most models, and never far from the boundary.
            RateSearch.Result r = RateSearch.search(stepper, Math.max(0.5, 0.5 / serviceS), RESOLUTION, MAX_STEPS);
            out.put(ForkMetrics.LOAD_STEPS, (double) r.steps().size());
            // The cell's figures are the step at the rate found; with none found, the lowest rate stepped, the
            // nearest to meeting the SLA (the first step may be far over it).
            int best = 0;
            for (int i = 0; i < r.steps().size(); i++) {
                RateSearch.Step s = r.steps().get(i);
                put(out, i + 1, s, outcomes.get(i));
                if (r.maxRatePerS() != null ? s.offeredPerS() == r.maxRatePerS()
                        : s.offeredPerS() < r.steps().get(best).offeredPerS()) {
                    best = i;
                }
            }
            if (r.maxRatePerS() != null) {
                out.put(ForkMetrics.LOAD_MAX_RATE_PER_S, r.maxRatePerS());
            }
            measured = outcomes.get(best);
            CellReport.note("load_search", r.why());
        }
        figures(out, measured, cell.batch() > 1 ? measured.meanBatch() : 1);
        out.put(ForkMetrics.LOAD_OFFERED_PER_S, measured.offeredPerS());
        return out;
    }

    /** The step as the search judges it: within only when stable too (an unsettled step says nothing yet). */
    static RateSearch.Step step(LoadStep.Outcome o, double sla) {
        RateSearch.Bounds b = RateSearch.bounds(o.latencyNs());
        RateSearch.Verdict v = RateSearch.verdict(b, sla);
        if (v == RateSearch.Verdict.WITHIN && !o.stable()) {
            v = RateSearch.Verdict.UNRESOLVED;
        }
        // Only unbatched calls rule out lower rates: with batching, a lower rate forms smaller batches, which are
        // faster, and its wait for a batch to fill is queueing too.
        return new RateSearch.Step(o.offeredPerS(), o.achievedPerS(), o.latencyNs().length, b.p99Ms(), b.lowMs(),
                b.highMs(), v, o.meanBatch() == 1 ? RateSearch.noLowerRate(o.latencyNs(), service(o), sla) : null);
    }

    /** Each measured request's call alone: its latency less its queueing. */
    private static long[] service(LoadStep.Outcome o) {
        long[] service = new long[o.latencyNs().length];
        for (int i = 0; i < service.length; i++) {
            service[i] = o.latencyNs()[i] - o.queueingNs()[i];
        }
        return service;
    }

    private static void put(Map<String, Double> out, int n, RateSearch.Step s, LoadStep.Outcome o) {
        double[] values = {s.offeredPerS(), s.achievedPerS(), quantile(o.latencyNs(), 0.5), s.p99Ms(), s.p99LowMs(),
                s.p99HighMs(), s.requests(), switch (s.verdict()) {
                    case WITHIN -> ForkMetrics.VERDICT_WITHIN;
                    case UNRESOLVED -> ForkMetrics.VERDICT_UNRESOLVED;
                    case OVER -> ForkMetrics.VERDICT_OVER;
                }, o.stable() ? 1 : 0, o.meanBatch()};
        for (int i = 0; i < values.length; i++) {
            out.put(ForkMetrics.step(n, ForkMetrics.STEP_FIGURES.get(i)), values[i]);
        }
    }

    /** The figures of the measured requests of a step. */
    private static void figures(Map<String, Double> out, LoadStep.Outcome o, double meanBatch) {
        RateSearch.Bounds b = RateSearch.bounds(o.latencyNs());
        out.put(ForkMetrics.LOAD_P50_MS, quantile(o.latencyNs(), 0.5));
        out.put(ForkMetrics.LOAD_P90_MS, quantile(o.latencyNs(), 0.9));
        out.put(ForkMetrics.LOAD_P99_MS, b.p99Ms());
        out.put(ForkMetrics.LOAD_P99_LOW_MS, b.lowMs());
        out.put(ForkMetrics.LOAD_P99_HIGH_MS, b.highMs());
        out.put(ForkMetrics.LOAD_REQUESTS, (double) o.latencyNs().length);
        out.put(ForkMetrics.LOAD_ACHIEVED_PER_S, o.achievedPerS());
        out.put(ForkMetrics.LOAD_SAMPLES_PER_S, o.achievedPerS()); // a request is one sample
        out.put(ForkMetrics.LOAD_SERVICE_P99_MS, quantile(service(o), 0.99));
        out.put(ForkMetrics.LOAD_QUEUEING_MS, Arrays.stream(o.queueingNs()).average().orElse(Double.NaN) / 1e6);
        out.put(ForkMetrics.LOAD_MEAN_BATCH, meanBatch);
        out.put(ForkMetrics.LOAD_STABLE, o.stable() ? 1.0 : 0.0);
        out.put(ForkMetrics.LOAD_WINDOWS, (double) o.windows().size());
        out.put(ForkMetrics.LOAD_LATE_P99_MS, o.latenessP99Ns() / 1e6);
    }

    /**
     * The highest rate the generator offers with a call that returns at once (a null backend): its loop, its clock
     * and its bookkeeping alone, on arrivals due faster than it can release them.
     */
    static double generatorMaxPerS() throws Exception {
        long[] arrivals = Arrivals.uniform(1e9, GENERATOR_REQUESTS);
        return DynamicBatcher.run(arrivals, 1, 0, Clock.SYSTEM, (first, size) -> { }).achievedPerS();
    }

    /**
     * Calls of every size from {@code smallest} to {@code largest} for {@code seconds}, round robin, through the
     * pool's samples in turn; returns the mean seconds of a call of {@code smallest} over the second half.
     */
    private static double warmup(DynamicBatcher.BatchCall call, int smallest, int largest, double seconds)
            throws Exception {
        long end = System.nanoTime() + Math.round(seconds * 1e9);
        long half = System.nanoTime() + Math.round(seconds * 0.5e9);
        long timed = 0;
        long timedNs = 0;
        int first = 0;
        int i = 0;
        do {
            int size = smallest + i % (largest - smallest + 1);
            long t = System.nanoTime();
            call.run(first, size);
            if (size == smallest && t >= half) {
                timed++;
                timedNs += System.nanoTime() - t;
            }
            first += size;
            i++;
        } while (System.nanoTime() < end || timed < 3);
        return timedNs / 1e9 / timed;
    }

    private static Map<String, Double> offline(CellConfig cell, BackendSession session, RequestPool pool,
            double warmupS, double windowS) throws Exception {
        int b = cell.batch();
        DynamicBatcher.BatchCall call = (first, size) -> {
            session.bind(pool.get(size, first));
            session.run();
        };
        double serviceS = warmup(call, b, b, warmupS);
        // Every window is one query of all its samples at once: as many calls as fill the window, 8 at least.
        int calls = (int) Math.max(8, Math.ceil(windowS / serviceS));
        List<long[]> callTimes = new ArrayList<>();
        List<LoadStep.Window> windows = new ArrayList<>();
        while (windows.size() < MAX_WINDOWS && !LoadStep.stable(windows, 0)) {
            DynamicBatcher.Result last = DynamicBatcher.run(new long[calls * b], b, 0, Clock.SYSTEM, call);
            long[] service = new long[last.calls()];
            for (int c = 0; c < last.calls(); c++) {
                service[c] = last.serviceNs()[c * b];
            }
            callTimes.add(service);
            windows.add(new LoadStep.Window(last.served(), last.achievedPerS(), quantile(service, 0.5)));
        }
        return closedFigures(windows, callTimes, b);
    }

    /**
     * The closed-loop scenarios' figures from their windows: per-call latency (no queue: a caller sends when its call
     * before returned) and throughput over the last {@value LoadStep#STABLE_WINDOWS} windows.
     */
    private static Map<String, Double> closedFigures(List<LoadStep.Window> windows, List<long[]> callTimes,
            int batch) {
        int kept = Math.min(LoadStep.STABLE_WINDOWS, windows.size());
        List<long[]> last = callTimes.subList(callTimes.size() - kept, callTimes.size());
        long[] all = last.stream().flatMapToLong(Arrays::stream).toArray();
        double seconds = 0;
        long samples = 0;
        for (LoadStep.Window w : windows.subList(windows.size() - kept, windows.size())) {
            seconds += w.requests() / w.achievedPerS();
            samples += w.requests();
        }
        RateSearch.Bounds bounds = RateSearch.bounds(all);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(ForkMetrics.LOAD_P50_MS, quantile(all, 0.5));
        out.put(ForkMetrics.LOAD_P90_MS, quantile(all, 0.9));
        out.put(ForkMetrics.LOAD_P99_MS, bounds.p99Ms());
        out.put(ForkMetrics.LOAD_P99_LOW_MS, bounds.lowMs());
        out.put(ForkMetrics.LOAD_P99_HIGH_MS, bounds.highMs());
        out.put(ForkMetrics.LOAD_REQUESTS, (double) all.length);
        out.put(ForkMetrics.LOAD_ACHIEVED_PER_S, samples / seconds / batch);
        out.put(ForkMetrics.LOAD_SAMPLES_PER_S, samples / seconds);
        out.put(ForkMetrics.LOAD_MEAN_BATCH, (double) batch);
        out.put(ForkMetrics.LOAD_STABLE, LoadStep.stable(windows, 0) ? 1.0 : 0.0);
        out.put(ForkMetrics.LOAD_WINDOWS, (double) windows.size());
        return out;
    }

    private static Map<String, Double> concurrency(CellConfig cell, List<BackendSession> sessions, double warmupS,
            double windowS) throws Exception {
        int callers = cell.callers();
        int b = cell.batch();
        // Warmup and windows alike: every caller runs closed-loop calls on its session until the window ends.
        runCallers(sessions, callers, warmupS);
        List<LoadStep.Window> windows = new ArrayList<>();
        List<long[]> callTimes = new ArrayList<>();
        while (windows.size() < MAX_WINDOWS && !LoadStep.stable(windows, 0)) {
            long start = System.nanoTime();
            long[] times = runCallers(sessions, callers, windowS);
            double seconds = (System.nanoTime() - start) / 1e9;
            callTimes.add(times);
            windows.add(new LoadStep.Window(times.length * b, times.length * b / seconds, quantile(times, 0.5)));
        }
        return closedFigures(windows, callTimes, b);
    }

    /** {@code callers} threads, caller i on session i mod sessions, calling until {@code seconds} have passed. */
    private static long[] runCallers(List<BackendSession> sessions, int callers, double seconds) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        long[][] times = new long[callers][];
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long[] end = new long[1];
        for (int c = 0; c < callers; c++) {
            int caller = c;
            BackendSession s = sessions.get(c % sessions.size());
            Thread t = new Thread(() -> {
                long[] mine = new long[1024];
                int n = 0;
                times[caller] = new long[0];
                try {
                    go.await();
                    while (System.nanoTime() < end[0]) {
                        long t0 = System.nanoTime();
                        s.run();
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, 2 * n);
                        }
                        mine[n++] = System.nanoTime() - t0;
                    }
                } catch (InterruptedException e) {
                    failure.compareAndSet(null, e);
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                } catch (Error e) {
                    failure.compareAndSet(null, new IllegalStateException("caller " + caller + ": " + e, e));
                }
                times[caller] = Arrays.copyOf(mine, n);
            }, "infbench-caller-" + c);
            threads.add(t);
            t.start();
        }
        end[0] = System.nanoTime() + Math.round(seconds * 1e9);
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return Arrays.stream(times).flatMapToLong(Arrays::stream).toArray();
    }

    private static double quantile(long[] ns, double q) {
        if (ns.length == 0) {
            return Double.NaN;
        }
        long[] sorted = ns.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.max(0, Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
