package dev.infbench.harness.profile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.infbench.format.MachinePeak;
import dev.infbench.format.Params;
import dev.infbench.harness.metrics.Baseline;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.metrics.CellLabel;
import dev.infbench.harness.metrics.CellMetrics;
import dev.infbench.harness.metrics.Figure;
import dev.infbench.harness.metrics.PeakShare;
import dev.infbench.harness.report.table.PlainTable;
import dev.infbench.harness.report.text.DecimalText;
import dev.infbench.harness.stats.ForkStatistic;
import dev.infbench.harness.stats.Ratio;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the run's numbers say to do, or not to do, following the methodology's decision tree and its pitfalls. Each
 * diagnosis names the cells and the figures it rests on; a comparison between two configurations fires only on a
 * resolved ratio of their forks (paired by round), never on two single numbers, so a noisy minute cannot make one.
 * The first, when it fires, is the methodology's "when not to optimize": the baseline already meets the SLA.
 */
public final class Diagnoses {
    /** A cold start (session open and first call) longer than this is worth a line: every new process pays it. */
    public static final double COLD_START_MS = 2000;
    /** Preprocessing plus postprocessing above this share of end to end: the model is not the bottleneck. */
    public static final double AROUND_MODEL_SHARE = 0.5;

    private Diagnoses() {
    }

    /** One diagnosis: which rule fired, and its line with the numbers. */
    public record Diagnosis(String rule, String line) {
    }

    /** What the diagnoses read besides the cells. */
    public record Inputs(MachinePeak peak, List<StageSection.Stages> stages, int usableCores, int physicalCores,
                         double slaMs) {
        /** From a run's env.json (usable and physical cores; 0 when unknown). */
        public static Inputs of(MachinePeak peak, List<StageSection.Stages> stages, JsonNode env, double slaMs) {
            return new Inputs(peak, stages, env.path("cpu_budget").path("cores").asInt(0),
                    env.path("cpu").path("physical_cores").asInt(0), slaMs);
        }
    }

    public static List<Diagnosis> of(List<Cell> cells, Inputs in) {
        List<Cell> ok = cells.stream().filter(c -> c.status().measured() && c.metrics().isPresent()).toList();
        List<Diagnosis> out = new ArrayList<>();
        baselineMeetsSla(ok, cells, in.slaMs(), out);
        oversubscribed(ok, cells, in.usableCores(), out);
        threadsOtherThanPhysical(ok, cells, in.physicalCores(), out);
        aroundTheModel(in.stages(), out);
        precisionSlower(ok, cells, "int8", out);
        precisionSlower(ok, cells, "fp16", out);
        largerBatchLowersThroughput(ok, cells, out);
        farBelowPeak(ok, cells, in.peak(), out);
        coldStart(ok, cells, out);
        return out;
    }

    /** The section: the diagnoses that fired, or a line saying none did. */
    public static PlainTable section(List<Diagnosis> diagnoses) {
        PlainTable.Builder b = new PlainTable.Builder("Diagnoses");
        if (diagnoses.isEmpty()) {
            b.before("None fired: no rule found a resolved difference or a limit crossed in this run.");
        }
        diagnoses.forEach(d -> b.after(d.line()));
        b.after("Each comparison rests on the ratio of the two cells' forks paired by round: \"slower\" or \"lowers\""
                + " only when its 95% interval excludes 1, \"gains nothing\" only when it lies within ±5%; a ratio the"
                + " rounds cannot resolve, or forks not paired by round, never fires one.");
        return b.build();
    }

    static void baselineMeetsSla(List<Cell> ok, List<Cell> all, double slaMs, List<Diagnosis> out) {
        // Per model, the out-of-the-box configuration: fp32, batch 1, no backend options, every core where measured.
        Map<String, Cell> baselines = new LinkedHashMap<>();
        for (Cell c : ok) {
            Baseline.of(c, ok).filter(b -> Params.BASELINE_PRECISION.equals(b.params().get(Params.PRECISION))
                    && Params.BASELINE_BATCH.equals(b.params().get(Params.BATCH)))
                    .ifPresent(b -> baselines.merge(b.params().get(Params.MODEL), b, (x, y) ->
                            !"0".equals(x.params().get(Params.THREADS)) && "0".equals(y.params().get(Params.THREADS))
                                    ? y : x));
        }
        for (Cell b : baselines.values()) {
            CellMetrics m = b.metrics().orElseThrow();
            boolean tail = m.p99Ms() != null;
            Double latency = tail ? m.p99Ms() : m.p50Ms();
            Double high = tail ? m.p99Interval() == null ? null : m.p99Interval().high()
                    : m.overForks(Figure.P50).forks() > 1 ? m.overForks(Figure.P50).interval().high() : null;
            if (latency == null) {
                continue;
            }
            if (latency <= slaMs && (high == null || high > slaMs)) {
                out.add(new Diagnosis("baseline meets the SLA: unresolved", String.format(Locale.ROOT,
                        "Whether to optimize at all is unresolved: %s, the baseline, has a %s of %s ms, within the %s"
                                + " ms SLA, but %s; run more rounds (-f) to tell.", CellLabel.of(b, all),
                        tail ? "p99" : "p50", DecimalText.figure(latency), DecimalText.figure(slaMs), high == null
                                ? "one fork gives no interval" : "its 95% interval reaches " + DecimalText.figure(high)
                                + " ms")));
                continue;
            }
            if (high == null || !(high <= slaMs)) {
                continue;
            }
            // The gain still available: the configuration of the model with the largest throughput ratio over the
            // baseline among those the rounds resolve as higher; none when no ratio is resolved.
            Cell fastest = null;
            Ratio best = null;
            for (Cell c : ok) {
                if (c == b || !Objects.equals(c.params().get(Params.MODEL), b.params().get(Params.MODEL))) {
                    continue;
                }
                Ratio r = c.ratio(b, Figure.THROUGHPUT);
                if (verdict(r) == Ratio.Verdict.HIGHER && (best == null || r.estimate() > best.estimate())) {
                    fastest = c;
                    best = r;
                }
            }
            String gains = fastest == null ? "no other configuration of it has a throughput the rounds resolve as"
                    + " higher" : "still available: " + CellLabel.of(fastest, all) + " at " + ratioText(best)
                    + " the throughput";
            out.add(new Diagnosis("baseline meets the SLA", String.format(Locale.ROOT,
                    "When not to optimize: %s, the baseline (fp32, batch 1, the backend's defaults), already meets"
                            + " the %s ms SLA (%s %s ms, its 95%% interval up to %s ms); %s.",
                    CellLabel.of(b, all), DecimalText.figure(slaMs), tail ? "p99" : "p50", DecimalText.figure(latency),
                    DecimalText.figure(high), gains)));
        }
    }

    static void oversubscribed(List<Cell> ok, List<Cell> all, int cores, List<Diagnosis> out) {
        if (cores <= 0) {
            return;
        }
        for (Cell c : ok) {
            int threads = intraThreads(c);
            int callers = c.metrics().get().callers();
            if (threads > 0 && (long) threads * Math.max(1, callers) > cores) {
                String against = sibling(c, ok, Params.THREADS, s -> intraThreads(s) > 0
                        && (long) intraThreads(s) * Math.max(1, s.metrics().get().callers()) <= cores)
                        .map(s -> {
                            Ratio r = c.ratio(s, Figure.THROUGHPUT);
                            return resolved(r) ? "; throughput " + ratioText(r) + " that of "
                                    + CellLabel.of(s, all) : "";
                        }).orElse("");
                out.add(new Diagnosis("oversubscription", String.format(Locale.ROOT,
                        "Oversubscribed: %s runs %d intra-op thread(s) × %d caller(s) on %d usable cores%s.",
                        CellLabel.of(c, all), threads, Math.max(1, callers), cores, against)));
            }
        }
    }

    static void threadsOtherThanPhysical(List<Cell> ok, List<Cell> all, int physical, List<Diagnosis> out) {
        if (physical <= 0) {
            return;
        }
        for (Cell c : ok) {
            if (intraThreads(c) <= 0 || intraThreads(c) == physical) {
                continue;
            }
            sibling(c, ok, Params.THREADS, s -> intraThreads(s) == physical).ifPresent(s -> {
                Ratio r = c.ratio(s, Figure.THROUGHPUT);
                if (verdict(r) == Ratio.Verdict.LOWER) {
                    out.add(new Diagnosis("threads other than the physical cores", String.format(Locale.ROOT,
                            "%d threads (%s) give %s the throughput of %d threads, the physical cores (%s).",
                            intraThreads(c), CellLabel.of(c, all), ratioText(r), physical, CellLabel.of(s, all))));
                }
            });
        }
    }

    static void aroundTheModel(List<StageSection.Stages> stages, List<Diagnosis> out) {
        for (StageSection.Stages s : stages) {
            double around = s.share(s.preprocessMs()) + s.share(s.postprocessMs());
            if (around > AROUND_MODEL_SHARE) {
                out.add(new Diagnosis("preprocessing or postprocessing dominates", String.format(Locale.ROOT,
                        "%s: preprocessing and postprocessing are %s of end to end (the model %s): a faster model or"
                                + " backend cannot help much; speed up or parallelise the stages around it.",
                        s.sentence(), StageSection.percent(around), StageSection.percent(s.share(s.modelMs())))));
            }
        }
    }

    static void precisionSlower(List<Cell> ok, List<Cell> all, String precision, List<Diagnosis> out) {
        for (Cell c : ok) {
            if (!c.params().getOrDefault(Params.PRECISION, "").startsWith(precision)) {
                continue;
            }
            sibling(c, ok, Params.PRECISION, s -> Params.BASELINE_PRECISION.equals(s.params().get(Params.PRECISION)))
                    .ifPresent(fp32 -> {
                        Ratio r = c.ratio(fp32, Figure.THROUGHPUT);
                        Ratio.Verdict v = verdict(r);
                        boolean cpu = "cpu".equals(c.params().getOrDefault(Params.TARGET, "cpu"));
                        if (v == Ratio.Verdict.LOWER) {
                            out.add(new Diagnosis(precision + " slower than fp32", String.format(Locale.ROOT,
                                    "%s is slower than fp32 here: %s has %s the throughput of %s%s.", precision,
                                    CellLabel.of(c, all), ratioText(r), CellLabel.of(fp32, all),
                                    precision.equals("fp16") && cpu ? "; this CPU runs fp16 through casts to fp32"
                                            : "")));
                        } else if (precision.equals("fp16") && cpu && v == Ratio.Verdict.SAME) {
                            out.add(new Diagnosis("fp16 through casts", String.format(Locale.ROOT,
                                    "fp16 gains nothing on this CPU: %s has %s the throughput of %s; without fp16"
                                            + " arithmetic the graph runs through casts to fp32.",
                                    CellLabel.of(c, all), ratioText(r), CellLabel.of(fp32, all))));
                        }
                    });
        }
    }

    static void largerBatchLowersThroughput(List<Cell> ok, List<Cell> all, List<Diagnosis> out) {
        for (Cell c : ok) {
            int batch = batch(c);
            Optional<Cell> larger = ok.stream().filter(s -> s != c && sameBut(s, c, Params.BATCH) && batch(s) > batch)
                    .min(java.util.Comparator.comparingInt(Diagnoses::batch));
            larger.ifPresent(s -> {
                Ratio r = s.ratio(c, Figure.THROUGHPUT);
                if (verdict(r) == Ratio.Verdict.LOWER) {
                    out.add(new Diagnosis("a larger batch lowers throughput", String.format(Locale.ROOT,
                            "A larger batch lowers throughput: batch %d (%s) has %s the throughput of batch %d (%s)"
                                    + "; past the knee, batches only add latency.", batch(s), CellLabel.of(s, all),
                            ratioText(r), batch, CellLabel.of(c, all))));
                }
            });
        }
    }

    static void farBelowPeak(List<Cell> ok, List<Cell> all, MachinePeak peak, List<Diagnosis> out) {
        for (Cell c : ok) {
            Optional<PeakShare> share = PeakShare.of(c, peak);
            if (share.isEmpty()) {
                continue;
            }
            // The upper end of the cell's throughput over rounds, so that a slow round alone cannot fire it.
            ForkStatistic t = c.metrics().get().overForks(Figure.THROUGHPUT);
            double upper = t.forks() > 1 ? t.interval().high() / t.point() : 1;
            // Against the part of the peak the cell's threads can reach: one thread of a two-thread peak is not "far".
            PeakShare p = share.get();
            double reachable = p.threads() > 0 && p.threads() < p.peakThreads()
                    ? (double) p.threads() / p.peakThreads() : 1;
            if (p.share() / reachable * upper < PeakShare.FAR) {
                out.add(new Diagnosis("far below the machine's peak", String.format(Locale.ROOT,
                        "%s runs at %s GFLOP/s, %s: %s.", CellLabel.of(c, all),
                        DecimalText.significant(share.get().rate(), 3), share.get().label(),
                        share.get().suggestion())));
            }
        }
    }

    static void coldStart(List<Cell> ok, List<Cell> all, List<Diagnosis> out) {
        List<String> slow = new ArrayList<>();
        for (Cell c : ok) {
            CellMetrics m = c.metrics().get();
            if (m.loadMs() == null || m.firstCallMs() == null || m.p50Ms() == null) {
                continue;
            }
            double cold = m.loadMs() + m.firstCallMs();
            if (cold > COLD_START_MS) {
                String cache = c.effective() == null ? "" : c.effective().path("model_cache").asText("");
                slow.add(String.format(Locale.ROOT, "#%d %s s (session %s ms + first call %s ms, %s steady-state"
                                + " calls%s)", c.index(), DecimalText.significant(cold / 1000, 2),
                        DecimalText.figure(m.loadMs()), DecimalText.figure(m.firstCallMs()),
                        DecimalText.significant(cold / m.p50Ms(), 2), cache.startsWith("miss")
                                ? "; model cache miss: the file was generated meanwhile" : ""));
            }
        }
        if (!slow.isEmpty()) {
            out.add(new Diagnosis("cold start", "Cold start over " + String.format(Locale.ROOT, "%.0f", COLD_START_MS / 1000)
                    + " s: " + String.join(", ", slow) + "; a process started per request or per scale-out pays it"
                    + " every time: keep sessions warm, or cache the optimised model."));
        }
    }

    /** The cell that differs from {@code c} in {@code param} alone and passes {@code test}; the lowest index. */
    private static Optional<Cell> sibling(Cell c, List<Cell> ok, String param,
                                          java.util.function.Predicate<Cell> test) {
        return ok.stream().filter(s -> s != c && sameBut(s, c, param) && test.test(s)).findFirst();
    }

    static boolean sameBut(Cell a, Cell b, String param) {
        Map<String, String> x = new HashMap<>(a.params());
        Map<String, String> y = new HashMap<>(b.params());
        x.remove(param);
        y.remove(param);
        return x.equals(y) && !Objects.equals(a.params().get(param), b.params().get(param));
    }

    private static int intraThreads(Cell c) {
        JsonNode e = c.effective();
        return e != null && e.path("intra_op_threads").canConvertToInt() ? e.path("intra_op_threads").asInt() : 0;
    }

    static int batch(Cell c) {
        try {
            return Integer.parseInt(c.params().getOrDefault(Params.BATCH, "1"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The ratio's verdict; unresolved unless it pairs forks of the same rounds (a single run's interleaving). */
    static Ratio.Verdict verdict(Ratio r) {
        return r == null || !r.paired() ? Ratio.Verdict.UNRESOLVED : r.verdict(Ratio.DEFAULT_MIN_EFFECT);
    }

    private static boolean resolved(Ratio r) {
        Ratio.Verdict v = verdict(r);
        return v == Ratio.Verdict.LOWER || v == Ratio.Verdict.HIGHER;
    }

    /** "×0.62 (×0.58–×0.66)". */
    static String ratioText(Ratio r) {
        if (r == null) {
            return "an unknown share of";
        }
        String point = "×" + DecimalText.ratio(r.estimate(), 2);
        return r.interval() == null ? point : point + " (×" + DecimalText.ratio(r.interval().low(), 2) + "–×"
                + DecimalText.ratio(r.interval().high(), 2) + ")";
    }
}
