package dev.infbench.harness.profile;

import dev.infbench.format.CellStatus;
import dev.infbench.format.Params;
import dev.infbench.format.RunManifest;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.metrics.CellMetrics;
import dev.infbench.harness.metrics.CellParams;
import dev.infbench.harness.metrics.Figure;
import dev.infbench.harness.report.table.PlainTable;
import dev.infbench.harness.report.text.DecimalText;
import dev.infbench.harness.stats.Ratio;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The report of a batch-size search ({@code --batch-search}): per configuration (every parameter but the batch), its
 * batches in ascending order with throughput, p99 and peak memory, whether each fits the search's budgets, and two
 * answers: the largest batch that fits, and the knee, judged by the paired throughput ratio of each batch over the
 * one half its size: the knee is the last batch whose doubling still gains, where the doubling's 95% interval lies
 * below +{@value #KNEE_GAIN_PERCENT}% (it gains less than that, or nothing, or loses). A doubling whose interval
 * reaches both sides of +{@value #KNEE_GAIN_PERCENT}% leaves the knee unresolved: no busy minute picks it.
 */
public final class BatchSearchSection {
    /** A doubling that gains less than this (as a percentage) is past the knee. */
    static final int KNEE_GAIN_PERCENT = 5;
    private static final double KNEE = 1 + KNEE_GAIN_PERCENT / 100.0;

    private BatchSearchSection() {
    }

    /** One configuration's answer: the largest batch within the budgets and the knee (null when unresolved). */
    record Answer(String configuration, Integer largestFitting, String limit, Integer knee, String kneeWhy) {
    }

    /** The section, or empty for a run that was no batch search. */
    public static Optional<PlainTable> of(List<Cell> cells, RunManifest.BatchSearch search) {
        if (search == null) {
            return Optional.empty();
        }
        PlainTable.Builder t = new PlainTable.Builder("Batch-size search");
        t.before(budgets(search));
        t.text("configuration").number("batch").text("outcome").number("samples/s").text("vs half the batch")
                .number("p99 ms").number("peak RSS MiB");
        for (Map.Entry<String, List<Cell>> g : groups(cells).entrySet()) {
            Answer a = answer(g.getKey(), g.getValue(), search);
            t.before(sentence(a));
            Cell previous = null;
            for (Cell c : g.getValue()) {
                Optional<CellMetrics> m = c.metrics();
                String vsHalf = "";
                if (previous != null && previous.metrics().isPresent() && m.isPresent()) {
                    Ratio r = shuffledRatio(c, previous, search);
                    vsHalf = r == null ? "no shuffled round" : Diagnoses.ratioText(r);
                }
                t.row(List.of(g.getKey(), String.valueOf(Diagnoses.batch(c)), outcome(c, search),
                        m.map(CellMetrics::throughputPerS).map(v -> DecimalText.significant(v, 3)).orElse(""),
                        vsHalf, m.map(CellMetrics::p99Ms).map(v -> DecimalText.significant(v, 3)).orElse(""),
                        m.map(CellMetrics::peakRssMib).map(v -> DecimalText.significant(v, 4)).orElse("")));
                previous = c.metrics().isPresent() ? c : null;
            }
        }
        t.after("vs half the batch: this batch's throughput over the batch half its size, paired by round, with its"
                + " 95% interval, over the rounds run in shuffled order only: the search runs round 1 (and, with"
                + " --max-memory, round 2) in ascending batch order, where a machine that drifts over time would pass"
                + " for a batch effect. Run -f 4 or more for a knee. The knee is the last batch whose doubling still gains: beyond it one more doubling"
                + " gains less than " + KNEE_GAIN_PERCENT + "% (the interval lies below +" + KNEE_GAIN_PERCENT
                + "%), and only adds latency.");
        t.after("The search stops a configuration at the first batch over a budget or failed: latency judged on its"
                + " first fork (the p99 only when its whole interval is over the SLA), memory on its first serving fork"
                + " (round 2, run right after the first, which also ran the accuracy gate); the rows above say which."
                + " The outcome column judges every fork of the cell: the peak RSS of its serving forks against"
                + " --max-memory, the p99's 95% interval against --sla-ms (\"at the SLA\" where it reaches both sides);"
                + " the largest batch that fits is the last of the smallest batches that all fit.");
        return Optional.of(t.build());
    }

    /** "Budgets: --max-memory 1024 MiB, --sla-ms 50 (p99), batches up to 128." */
    static String budgets(RunManifest.BatchSearch s) {
        StringJoiner j = new StringJoiner(", ", "Budgets: ", ".");
        j.add(s.maxMemoryMib() == null ? "no memory budget" : "--max-memory " + DecimalText.exact(s.maxMemoryMib())
                + " MiB (peak resident memory of a fork)");
        j.add(s.slaMs() == null ? "no latency budget" : "--sla-ms " + DecimalText.exact(s.slaMs()) + " (p99)");
        j.add("batches up to " + s.maxBatch());
        return j.toString();
    }

    /** The cells by configuration, each ascending by batch; configurations named by what varies but the batch. */
    static Map<String, List<Cell>> groups(List<Cell> cells) {
        Map<String, String> fixed = CellParams.fixed(cells);
        Map<String, List<Cell>> groups = new LinkedHashMap<>();
        for (Cell c : cells) {
            // Named by what varies but the batch; a run of one configuration by its model.
            StringJoiner name = new StringJoiner(" ").setEmptyValue(Params.MODEL + "="
                    + c.params().getOrDefault(Params.MODEL, "?"));
            String benchmark = benchmark(c);
            if (cells.stream().map(BatchSearchSection::benchmark).distinct().count() > 1) {
                name.add(benchmark);
            }
            CellParams.params(c).forEach((k, v) -> {
                if (!k.equals(Params.BATCH) && !fixed.containsKey(k)) {
                    name.add(k + "=" + v);
                }
            });
            groups.computeIfAbsent(name.toString(), k -> new ArrayList<>()).add(c);
        }
        groups.values().forEach(g -> g.sort(Comparator.comparingInt(Diagnoses::batch)));
        return groups;
    }

    /** The benchmark of a run folder's cell key ("InferenceBenchmark.infer model=..."), or "" for a key without. */
    private static String benchmark(Cell c) {
        String key = c.key();
        return key == null || !key.contains(" ") ? "" : key.substring(0, key.indexOf(' '));
    }

    /**
     * Whether a measured cell fits the budgets ("fits", "over --max-memory (peak RSS 720 MiB)", ...); null when it was
     * not measured. Memory is the serving forks' peak (see {@link CellMetrics#peakRssMib}), latency the p99 over
     * every fork (the p50 where too few calls give no p99).
     */
    static String fit(Cell c, RunManifest.BatchSearch s) {
        Optional<CellMetrics> m = c.metrics();
        if (m.isEmpty() || !c.status().measured()) {
            return null;
        }
        if (c.status() == CellStatus.INACCURATE) {
            return "inaccurate: outputs outside the precision's threshold";
        }
        Double rss = m.get().peakRssMib();
        if (s.maxMemoryMib() != null && rss != null && rss > s.maxMemoryMib()) {
            return "over --max-memory (peak RSS " + DecimalText.figure(rss) + " MiB)";
        }
        if (s.slaMs() != null) {
            CellMetrics x = m.get();
            switch (latency(x, s.slaMs())) {
                case OVER -> {
                    return "over --sla-ms (p99 " + DecimalText.significant(x.p99Ms(), 3) + " ms)";
                }
                case AT -> {
                    return "at the SLA: the p99's interval (" + DecimalText.significant(x.p99Interval().low(), 3)
                            + " to " + DecimalText.significant(x.p99Interval().high(), 3) + " ms) reaches both"
                            + " sides of --sla-ms";
                }
                case OVER_BY_P50 -> {
                    return "over --sla-ms (p50 " + DecimalText.significant(x.p50Ms(), 3) + " ms; too few calls for a"
                            + " p99)";
                }
                case WITHIN -> {
                }
            }
        }
        return FITS;
    }

    /** Where a cell's latency stands against an SLA: the one rule of the search's stop and of the report's fit. */
    public enum Latency {
        /** The p99's whole 95% interval is over the SLA. */
        OVER,
        /** The p99's interval reaches both sides of the SLA. */
        AT,
        /** Too few calls for a p99, and the p50 is already over the SLA. */
        OVER_BY_P50,
        /** Within it, or no figure says otherwise. */
        WITHIN
    }

    /** {@code m}'s p99 (its 95% interval) against {@code slaMs}; the p50 where there are too few calls for a p99. */
    public static Latency latency(CellMetrics m, double slaMs) {
        dev.infbench.harness.stats.Interval p99 = m.p99Interval();
        if (p99 != null) {
            return p99.low() > slaMs ? Latency.OVER : p99.high() > slaMs ? Latency.AT : Latency.WITHIN;
        }
        return m.p50Ms() != null && m.p50Ms() > slaMs ? Latency.OVER_BY_P50 : Latency.WITHIN;
    }

    private static final String FITS = "fits";

    private static String outcome(Cell c, RunManifest.BatchSearch s) {
        String fit = fit(c, s);
        if (fit != null) {
            return fit;
        }
        return c.status().name() + (c.reason() == null ? "" : ": " + c.reason());
    }

    /** The largest batch that fits and the knee of one configuration's cells (ascending by batch). */
    static Answer answer(String configuration, List<Cell> cells, RunManifest.BatchSearch s) {
        Integer largest = null;
        String limit = null;
        for (Cell c : cells) {
            if (!FITS.equals(fit(c, s))) {
                limit = "batch " + Diagnoses.batch(c) + ": " + outcome(c, s);
                break;
            }
            largest = Diagnoses.batch(c);
        }
        Cell previous = null;
        boolean judged = false;
        for (Cell c : cells) {
            if (!FITS.equals(fit(c, s))) {
                break;
            }
            if (previous != null) {
                Ratio r = shuffledRatio(c, previous, s);
                if (r == null || !r.paired() || r.interval() == null) {
                    return new Answer(configuration, largest, limit, null, "batch " + Diagnoses.batch(c) + " over "
                            + Diagnoses.batch(previous) + " has no interval from rounds in shuffled order (fewer than"
                            + " two after the search's ordered rounds): run -f 4 or more");
                }
                judged = true;
                if (r.interval().high() < KNEE) {
                    return new Answer(configuration, largest, limit, Diagnoses.batch(previous), "batch "
                            + Diagnoses.batch(c) + " has " + Diagnoses.ratioText(r) + " its throughput");
                }
                if (r.interval().low() <= KNEE) {
                    return new Answer(configuration, largest, limit, null, "batch " + Diagnoses.batch(c) + " has "
                            + Diagnoses.ratioText(r) + " the throughput of batch " + Diagnoses.batch(previous)
                            + ": whether that is more than +" + KNEE_GAIN_PERCENT + "% the rounds cannot tell");
                }
            }
            previous = c;
        }
        return new Answer(configuration, largest, limit, null, previous == null ? "no batch fits"
                : !judged ? "no doubling within the budgets to judge a knee by"
                : "every doubling that fits gains at least " + KNEE_GAIN_PERCENT + "%: the knee is beyond batch "
                + Diagnoses.batch(previous));
    }

    /**
     * {@code c}'s throughput over {@code half}'s, paired by round, over the rounds the search did not run in
     * ascending batch order (round 1; round 2 too with a memory budget); null when no such round is common.
     */
    static Ratio shuffledRatio(Cell c, Cell half, RunManifest.BatchSearch s) {
        if (!c.hasRounds() || !half.hasRounds()) {
            return null;
        }
        int ordered = s.maxMemoryMib() != null ? 2 : 1;
        java.util.Map<Integer, Double> a = new java.util.TreeMap<>(c.byRound(Figure.THROUGHPUT));
        java.util.Map<Integer, Double> b = new java.util.TreeMap<>(half.byRound(Figure.THROUGHPUT));
        a.keySet().removeIf(round -> round <= ordered);
        b.keySet().removeIf(round -> round <= ordered);
        return Ratio.paired(a, b);
    }

    /**
     * "model=minilm: the largest batch that fits is 16 (batch 32: over --max-memory (peak RSS 1210 MiB)); the knee
     * is at batch 8 (batch 16 has ×1.02 (×0.98–×1.04) its throughput)."
     */
    static String sentence(Answer a) {
        String limit = a.limit() == null ? "" : " (" + a.limit() + ")";
        if (a.largestFitting() == null) {
            return a.configuration() + ": no batch fits the budgets" + limit + ".";
        }
        String knee = a.knee() != null ? "the knee is at batch " + a.knee() + " (" + a.kneeWhy() + ")"
                : a.kneeWhy().startsWith("every doubling") || a.kneeWhy().startsWith("no doubling") ? a.kneeWhy()
                : "the knee is unresolved (" + a.kneeWhy() + ")";
        return a.configuration() + ": the largest batch that fits is " + a.largestFitting() + limit + "; " + knee
                + ".";
    }
}
