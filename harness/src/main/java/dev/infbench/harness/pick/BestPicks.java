package dev.infbench.harness.pick;

import dev.infbench.format.CellStatus;
import dev.infbench.harness.metrics.Baseline;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.metrics.CellMetrics;
import dev.infbench.harness.metrics.CellParams;
import dev.infbench.harness.report.chart.RunCharts;
import dev.infbench.harness.report.text.DecimalText;
import dev.infbench.harness.stats.Interval;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * "Pick the best": for one machine (hardware key) and each model of a run, the configuration to use for online
 * serving, for batch serving, for the most throughput within a latency SLA, and optionally within a memory cap,
 * with the latency/throughput Pareto front.
 *
 * <p><b>Eligibility.</b> Only {@code OK} cells are picked; {@code INACCURATE}, {@code FAILED} and {@code PRUNED}
 * cells are listed in {@link ModelPicks#excluded()} with the reason.
 *
 * <p><b>Ties.</b> A cell whose 95% interval overlaps the winner's is a tie, listed with the winner: it is not shown
 * to be worse. Latency picks use {@link CellMetrics#p99Interval()} or {@link CellMetrics#p50Interval()}. Throughput
 * has no interval of its own, so its interval is the p50 interval mapped through {@code throughput ∝ 1 / latency}
 * (throughput × p50 / p50 bound); without a p50 interval, throughput × (1 ± fork spread / 2); with neither, the
 * point value. A winner with one fork is said to be untested against fork-to-fork noise.
 *
 * @param hardwareKey    {@code keys.hardware} of the run's {@code env.json}: the machine these picks hold for
 * @param slaMs          the latency SLA in ms
 * @param memoryCapBytes the memory cap asked for, or null
 * @param models         the picks of each model, in the order models first appear in the run
 */
public record BestPicks(String hardwareKey, double slaMs, Long memoryCapBytes, List<ModelPicks> models) {

    /** The SLA when none is given, in ms. */
    public static final double DEFAULT_SLA_MS = 50;

    /** Said when a memory cap is asked for but no cell carries a memory figure. */
    public static final String NO_MEMORY_FIGURES = "no memory figures in this run; cap not applied";

    /** What a pick ranks by: per-call latency percentiles, or throughput. */
    static final String P99 = "p99";
    static final String P50 = "p50";
    static final String THROUGHPUT = "samples/s";

    public BestPicks {
        models = List.copyOf(models);
    }

    /** What a pick optimizes. */
    public enum Kind {
        /** Lowest p99 at batch 1. */
        ONLINE("Online serving", "lowest p99 at batch 1"),
        /** Highest throughput. */
        BATCH("Batch serving", "highest throughput"),
        /** Highest throughput whose p99 is within the SLA. */
        SLA("Throughput within the SLA", "highest throughput whose p99 is within the SLA"),
        /** Highest throughput within the memory cap. */
        MEMORY("Within the memory cap", "highest throughput within the memory cap");

        private final String title;
        private final String goal;

        Kind(String title, String goal) {
            this.title = title;
            this.goal = goal;
        }

        /** Heading, e.g. "Online serving". */
        public String title() {
            return title;
        }

        /** What is optimized, e.g. "lowest p99 at batch 1". */
        public String goal() {
            return goal;
        }
    }

    /**
     * A cell that ties with a pick's winner.
     *
     * @param cell     the cell
     * @param value    its figure for the pick's statistic
     * @param interval its 95% interval for that statistic, or null
     */
    public record Tie(Cell cell, double value, Interval interval) {
    }

    /**
     * One pick.
     *
     * @param kind      what it optimizes
     * @param winner    the winning cell, or null when no cell qualifies (the notes say why)
     * @param statistic what {@code value} is: {@code p99}, {@code p50} (ms) or {@code samples/s}
     * @param value     the winner's figure, or null without a winner
     * @param interval  the winner's 95% interval of that figure, or null
     * @param ties      cells whose interval overlaps the winner's
     * @param notes     caveats: fallbacks, cells not ranked, fork noise, SLA exclusions
     * @param sentence  the gain over the baseline and why, in one sentence built from the measurements; empty
     *                  without a winner
     */
    public record Pick(Kind kind, Cell winner, String statistic, Double value, Interval interval,
            List<Tie> ties, List<String> notes, String sentence) {
        public Pick {
            ties = List.copyOf(ties);
            notes = List.copyOf(notes);
        }
    }

    /**
     * A cell not eligible for any pick.
     *
     * @param cell the cell
     * @param why  one line: its status and reason
     */
    public record Excluded(Cell cell, String why) {
    }

    /**
     * The picks of one model.
     *
     * @param model    the {@code model} parameter (empty when the cells have none)
     * @param varying  the parameters, other than model, that take more than one value among the model's cells
     * @param fixed    the parameters with one value among the model's cells
     * @param baseline the model's baseline cell (fp32, batch 1, backend defaults; see {@link Baseline}), or null
     * @param picks    online, batch, SLA, and memory when a cap was asked for
     * @param pareto   the cells on the p50/throughput Pareto front, by increasing p50
     * @param eligible number of OK cells with timings
     * @param excluded the cells not eligible, with why
     * @param cells    every cell of the model, in run order
     */
    public record ModelPicks(String model, List<String> varying, Map<String, String> fixed, Cell baseline,
            List<Pick> picks, List<Cell> pareto, int eligible, List<Excluded> excluded,
            List<Cell> cells) {
        public ModelPicks {
            cells = List.copyOf(cells);
            varying = List.copyOf(varying);
            fixed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
            picks = List.copyOf(picks);
            pareto = List.copyOf(pareto);
            excluded = List.copyOf(excluded);
        }

        /** The pick of {@code kind}, if made. */
        public Optional<Pick> pick(Kind kind) {
            return picks.stream().filter(p -> p.kind() == kind).findFirst();
        }
    }


    /**
     * The picks of a run's cells.
     *
     * @param cells          the run's cells (the latest entry of each key), every status
     * @param hardwareKey    the run's {@code keys.hardware}; one run is one machine
     * @param slaMs          latency SLA in ms, positive
     * @param memoryCapBytes memory cap in bytes, or null for none
     */
    public static BestPicks of(List<Cell> cells, String hardwareKey, double slaMs, Long memoryCapBytes) {
        if (!(slaMs > 0) || !Double.isFinite(slaMs)) {
            throw new IllegalArgumentException("SLA must be a positive number of ms, was " + slaMs);
        }
        Map<String, List<Cell>> byModel = new LinkedHashMap<>();
        for (Cell cell : cells) {
            byModel.computeIfAbsent(CellParams.params(cell).getOrDefault("model", ""), m -> new ArrayList<>()).add(cell);
        }
        List<ModelPicks> models = new ArrayList<>();
        byModel.forEach((model, modelCells) -> models.add(model(model, modelCells, slaMs, memoryCapBytes)));
        return new BestPicks(hardwareKey, slaMs, memoryCapBytes, models);
    }

    private static ModelPicks model(String model, List<Cell> cells, double slaMs, Long memoryCapBytes) {
        List<String> names = CellParams.names(cells);
        Map<String, String> fixed = new LinkedHashMap<>();
        List<String> varying = new ArrayList<>();
        for (String name : names) {
            Set<String> values = new LinkedHashSet<>();
            cells.forEach(c -> values.add(CellParams.params(c).get(name)));
            if (values.size() == 1 && values.iterator().next() != null) {
                fixed.put(name, values.iterator().next());
            } else if (!name.equals("model")) {
                varying.add(name);
            }
        }
        List<Candidate> ok = new ArrayList<>();
        List<Excluded> excluded = new ArrayList<>();
        for (Cell cell : cells) {
            Optional<CellMetrics> m = cell.status() == CellStatus.OK ? cell.metrics() : Optional.empty();
            if (m.isPresent()) {
                ok.add(new Candidate(cell, m.get()));
            } else {
                excluded.add(new Excluded(cell, exclusion(cell)));
            }
        }
        Context context = new Context(cells, ok, varying, slaMs);
        List<Pick> picks = new ArrayList<>();
        picks.add(context.online());
        picks.add(context.batch());
        picks.add(context.sla());
        if (memoryCapBytes != null) {
            picks.add(new Pick(Kind.MEMORY, null, null, null, null, List.of(), List.of(NO_MEMORY_FIGURES), ""));
        }
        Cell baseline = ok.isEmpty() ? null : Baseline.of(ok.get(0).cell(), cells).orElse(null);
        return new ModelPicks(model, varying, fixed, baseline, picks, RunCharts.paretoCells(cells), ok.size(),
                excluded, cells);
    }

    private static String exclusion(Cell cell) {
        String reason = cell.reason() == null || cell.reason().isBlank() ? "" : ": " + cell.reason();
        return switch (cell.status()) {
            case INACCURATE -> "INACCURATE, outside its accuracy threshold" + reason;
            case FAILED -> "FAILED" + reason;
            case PRUNED -> "PRUNED, not run" + reason;
            case OK -> "OK but without a JMH result";
        };
    }

    /** The cells of one model and what the picks share. */
    private record Context(List<Cell> cells, List<Candidate> ok, List<String> varying, double slaMs,
                           Map<Map<String, String>, Candidate> byParams) {

        Context(List<Cell> cells, List<Candidate> ok, List<String> varying, double slaMs) {
            // Every sentence looks up several cells by their parameters: an index, not a scan per lookup.
            this(cells, ok, varying, slaMs, index(ok));
        }

        private static Map<Map<String, String>, Candidate> index(List<Candidate> ok) {
            Map<Map<String, String>, Candidate> m = new java.util.HashMap<>();
            ok.forEach(c -> m.putIfAbsent(CellParams.params(c.cell()), c));
            return m;
        }

        Pick online() {
            List<Candidate> batch1 = ok.stream().filter(c -> BestPicks.batch(c.cell()) == 1).toList();
            if (batch1.isEmpty()) {
                return new Pick(Kind.ONLINE, null, null, null, null, List.of(), List.of("no OK cell at batch 1"), "");
            }
            List<String> notes = new ArrayList<>();
            List<Candidate> withP99 = batch1.stream().filter(c -> c.metrics().p99Ms() != null).toList();
            String statistic;
            List<Candidate> ranked;
            if (!withP99.isEmpty()) {
                statistic = P99;
                ranked = withP99;
                List<Candidate> unranked = batch1.stream().filter(c -> c.metrics().p99Ms() == null).toList();
                if (!unranked.isEmpty()) {
                    notes.add(unranked.size() + " batch-1 cell" + (unranked.size() == 1 ? "" : "s")
                            + " not ranked, p99 unavailable (fewer than " + CellMetrics.minSamples(0.99)
                            + " samples): " + indices(unranked));
                }
            } else {
                statistic = P50;
                ranked = batch1.stream().filter(c -> c.metrics().p50Ms() != null).toList();
                notes.add("p99 unavailable for every batch-1 cell (fewer than " + CellMetrics.minSamples(0.99)
                        + " samples each), so ranked by p50 instead");
                if (ranked.isEmpty()) {
                    notes.add("no batch-1 cell has a p50 either");
                    return new Pick(Kind.ONLINE, null, statistic, null, null, List.of(), notes, "");
                }
            }
            return lowest(Kind.ONLINE, statistic, ranked, notes);
        }

        Pick batch() {
            List<Candidate> ranked = ok.stream().filter(c -> c.metrics().throughputPerS() != null).toList();
            if (ranked.isEmpty()) {
                return new Pick(Kind.BATCH, null, THROUGHPUT, null, null, List.of(),
                        List.of("no OK cell has a throughput"), "");
            }
            return highest(Kind.BATCH, ranked, new ArrayList<>());
        }

        Pick sla() {
            List<String> notes = new ArrayList<>();
            List<Candidate> within = new ArrayList<>();
            List<Candidate> over = new ArrayList<>();
            List<Candidate> unjudged = new ArrayList<>();
            for (Candidate c : ok) {
                Double latency = slaLatency(c.metrics());
                if (c.metrics().throughputPerS() == null || latency == null) {
                    unjudged.add(c);
                } else if (latency <= slaMs) {
                    within.add(c);
                } else {
                    over.add(c);
                }
            }
            if (!over.isEmpty()) {
                notes.add(over.size() + " cell" + (over.size() == 1 ? "" : "s") + " over the SLA of "
                        + DecimalText.figure(slaMs) + " ms: " + indices(over));
            }
            if (!unjudged.isEmpty()) {
                notes.add(unjudged.size() + " cell" + (unjudged.size() == 1 ? "" : "s")
                        + " without a latency percentile or throughput, not judged: " + indices(unjudged));
            }
            List<Candidate> byP50 = within.stream().filter(c -> c.metrics().p99Ms() == null).toList();
            if (!byP50.isEmpty()) {
                notes.add("p99 unavailable (fewer than " + CellMetrics.minSamples(0.99) + " samples), judged by p50 "
                        + "instead: " + indices(byP50));
            }
            if (within.isEmpty()) {
                notes.add("no OK cell is within the SLA");
                return new Pick(Kind.SLA, null, THROUGHPUT, null, null, List.of(), notes, "");
            }
            return highest(Kind.SLA, within, notes);
        }

        private Pick lowest(Kind kind, String statistic, List<Candidate> ranked, List<String> notes) {
            Function<CellMetrics, Double> value = statistic.equals(P99) ? CellMetrics::p99Ms : CellMetrics::p50Ms;
            Function<CellMetrics, Interval> interval = statistic.equals(P99) ? CellMetrics::p99Interval
                    : CellMetrics::p50Interval;
            Candidate winner = ranked.stream()
                    .min(Comparator.comparingDouble((Candidate c) -> value.apply(c.metrics()))
                            .thenComparingInt(c -> c.cell().index()))
                    .orElseThrow();
            return pick(kind, statistic, winner, ranked, value, interval, notes);
        }

        private Pick highest(Kind kind, List<Candidate> ranked, List<String> notes) {
            Candidate winner = ranked.stream()
                    .max(Comparator.comparingDouble((Candidate c) -> c.metrics().throughputPerS())
                            .thenComparing(c -> -c.cell().index()))
                    .orElseThrow();
            return pick(kind, THROUGHPUT, winner, ranked, CellMetrics::throughputPerS, BestPicks::throughputInterval,
                    notes);
        }

        private Pick pick(Kind kind, String statistic, Candidate winner, List<Candidate> ranked,
                Function<CellMetrics, Double> value, Function<CellMetrics, Interval> interval, List<String> notes) {
            double winnerValue = value.apply(winner.metrics());
            Interval winnerInterval = interval.apply(winner.metrics());
            Interval winnerRange = winnerInterval != null ? winnerInterval : new Interval(winnerValue, winnerValue);
            List<Tie> ties = new ArrayList<>();
            for (Candidate c : ranked) {
                if (c == winner) {
                    continue;
                }
                double v = value.apply(c.metrics());
                Interval i = interval.apply(c.metrics());
                Interval range = i != null ? i : new Interval(v, v);
                if (range.low() <= winnerRange.high() && winnerRange.low() <= range.high()) {
                    ties.add(new Tie(c.cell(), v, i));
                }
            }
            List<String> allNotes = new ArrayList<>(notes);
            if (kind == Kind.SLA && winner.metrics().p99Ms() == null) {
                allNotes.add("the winner is judged by p50 " + DecimalText.figure(winner.metrics().p50Ms())
                        + " ms: its p99 is unavailable (" + winner.metrics().samples() + " samples)");
            }
            if (winner.metrics().forks() < 2) {
                allNotes.add("winner untested against fork noise (" + winner.metrics().forks() + " fork)");
            }
            if (winnerInterval == null) {
                allNotes.add("the winner has no interval for its " + statistic + "; ties are exact equals only");
            }
            return new Pick(kind, winner.cell(), statistic, winnerValue, winnerInterval, ties, allNotes,
                    new PickSentence(cells, ok, varying, byParams, statistic).of(winner));
        }

    }

    /** The latency judged against the SLA: p99, or p50 where the tail rule leaves no p99. */
    private static Double slaLatency(CellMetrics m) {
        return m.p99Ms() != null ? m.p99Ms() : m.p50Ms();
    }

    /**
     * A 95% interval for throughput: the p50 interval mapped through throughput ∝ 1 / latency, else ± half the fork
     * spread, else null.
     */
    static Interval throughputInterval(CellMetrics m) {
        Double throughput = m.throughputPerS();
        if (throughput == null) {
            return null;
        }
        Interval p50 = m.p50Interval();
        Double median = m.p50Ms();
        if (p50 != null && median != null && p50.low() > 0) {
            return new Interval(throughput * median / p50.high(), throughput * median / p50.low());
        }
        Double spread = m.stability().forkSpread();
        if (spread != null) {
            return new Interval(throughput * (1 - spread / 2), throughput * (1 + spread / 2));
        }
        return null;
    }

    static int batch(Cell cell) {
        try {
            return Integer.parseInt(CellParams.params(cell).getOrDefault("batch", "1").strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String indices(List<Candidate> cells) {
        StringJoiner j = new StringJoiner(", ");
        cells.forEach(c -> j.add("#" + c.cell().index()));
        return j.toString();
    }
}
