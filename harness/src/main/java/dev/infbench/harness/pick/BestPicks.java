package dev.infbench.harness.pick;

import dev.infbench.format.CellStatus;
import dev.infbench.harness.metrics.Baseline;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.metrics.CellMetrics;
import dev.infbench.harness.metrics.CellParams;
import dev.infbench.harness.metrics.Figure;
import dev.infbench.harness.report.chart.RunCharts;
import dev.infbench.harness.report.text.DecimalText;
import dev.infbench.harness.stats.ForkStatistic;
import dev.infbench.harness.stats.Interval;
import dev.infbench.harness.stats.Ratio;
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
 * <p><b>Ties, over rounds.</b> The winner is the best point value; it is <em>resolved</em> only when its ratio
 * against every other ranked cell, paired by round ({@link Cell#ratio}: each round's forks of the two cells, run close
 * together, give one ratio), has a 95% interval that shows the winner better. A rival whose ratio is within the
 * minimum effect ({@value Ratio#DEFAULT_MIN_EFFECT} = 5%), spans 1, or cannot be computed (one round) is a tie, listed
 * with the winner. The per-call intervals are never used here: calls within a fork move together. The figure of each
 * fork is the pick's own (p99, p50 or throughput) where every fork has the calls for it, else the next one down
 * (p90, then p50), said in the notes. The intervals shown are over forks ({@link ForkStatistic}).
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
     * @param interval its 95% interval over forks for the figure that decided the ties, or null
     * @param ratio    the winner's figure over this cell's (paired by round where possible), or null
     */
    public record Tie(Cell cell, double value, Interval interval, Ratio ratio) {
    }

    /**
     * One pick.
     *
     * @param kind      what it optimizes
     * @param winner    the winning cell, or null when no cell qualifies (the notes say why)
     * @param statistic what {@code value} is: {@code p99}, {@code p50} (ms) or {@code samples/s}
     * @param value     the winner's figure, or null without a winner
     * @param interval  the winner's 95% interval over forks of the figure that decided the ties, or null
     * @param ties      cells the winner is not shown to beat
     * @param decidedBy the figure whose per-round ratios decided the ties, or null without a winner
     * @param rounds    the winner's forks (rounds)
     * @param ranked    how many cells the pick ranked, the winner included
     * @param notes     caveats: fallbacks, cells not ranked, fork noise, SLA exclusions
     * @param sentence  the gain over the baseline and why, in one sentence built from the measurements; empty
     *                  without a winner
     */
    public record Pick(Kind kind, Cell winner, String statistic, Double value, Interval interval,
            List<Tie> ties, List<String> notes, String sentence, Figure decidedBy, int rounds, int ranked) {
        public Pick {
            ties = List.copyOf(ties);
            notes = List.copyOf(notes);
        }

        /** A pick without a winner: the notes say why. */
        static Pick none(Kind kind, String statistic, List<String> notes) {
            return new Pick(kind, null, statistic, null, null, List.of(), notes, "", null, 0, 0);
        }

        /** True when the winner is shown to beat every other ranked cell (no tie). */
        public boolean resolved() {
            return winner != null && ties.isEmpty() && ranked > 1;
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
            picks.add(context.memory(memoryCapBytes));
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
                return Pick.none(Kind.ONLINE, null, List.of("no OK cell at batch 1"));
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
                    return Pick.none(Kind.ONLINE, statistic, notes);
                }
            }
            return lowest(Kind.ONLINE, statistic, ranked, notes);
        }

        Pick batch() {
            List<Candidate> ranked = ok.stream().filter(c -> c.metrics().throughputPerS() != null).toList();
            if (ranked.isEmpty()) {
                return Pick.none(Kind.BATCH, THROUGHPUT, List.of("no OK cell has a throughput"));
            }
            return highest(Kind.BATCH, ranked, new ArrayList<>());
        }

        /**
         * The highest throughput among cells whose forks' peak resident memory stayed within the cap; cells without a
         * memory figure are named and left out.
         */
        Pick memory(long capBytes) {
            double capMib = capBytes / (1024.0 * 1024.0);
            Limit split = limit(CellMetrics::peakRssMib, capMib);
            if (split.unjudged().size() == ok.size()) {
                return Pick.none(Kind.MEMORY, THROUGHPUT, List.of(NO_MEMORY_FIGURES));
            }
            List<String> notes = new ArrayList<>();
            note(notes, split.over(), "over the memory cap of " + DecimalText.figure(capMib)
                    + " MiB (peak resident memory)");
            note(notes, split.unjudged(), "without a memory figure or throughput, not judged");
            List<Candidate> within = split.within();
            if (within.isEmpty()) {
                notes.add("no OK cell is within the memory cap");
                return Pick.none(Kind.MEMORY, THROUGHPUT, notes);
            }
            return highest(Kind.MEMORY, within, notes);
        }

        /** OK cells split by a figure against a limit: within it, over it, or without the figure or a throughput. */
        private record Limit(List<Candidate> within, List<Candidate> over, List<Candidate> unjudged) {
        }

        private Limit limit(Function<CellMetrics, Double> figure, double limit) {
            Limit split = new Limit(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (Candidate c : ok) {
                Double value = figure.apply(c.metrics());
                (value == null || c.metrics().throughputPerS() == null ? split.unjudged()
                        : value <= limit ? split.within() : split.over()).add(c);
            }
            return split;
        }

        /** "2 cells over the SLA of 50 ms: #3, #7", when there are any. */
        private static void note(List<String> notes, List<Candidate> cells, String what) {
            if (!cells.isEmpty()) {
                notes.add(cells.size() + " cell" + (cells.size() == 1 ? "" : "s") + " " + what + ": "
                        + indices(cells));
            }
        }

        Pick sla() {
            Limit split = limit(BestPicks::slaLatency, slaMs);
            List<String> notes = new ArrayList<>();
            note(notes, split.over(), "over the SLA of " + DecimalText.figure(slaMs) + " ms");
            note(notes, split.unjudged(), "without a latency percentile or throughput, not judged");
            List<Candidate> within = split.within();
            List<Candidate> byP50 = within.stream().filter(c -> c.metrics().p99Ms() == null).toList();
            if (!byP50.isEmpty()) {
                notes.add("p99 unavailable (fewer than " + CellMetrics.minSamples(0.99) + " samples), judged by p50 "
                        + "instead: " + indices(byP50));
            }
            if (within.isEmpty()) {
                notes.add("no OK cell is within the SLA");
                return Pick.none(Kind.SLA, THROUGHPUT, notes);
            }
            return highest(Kind.SLA, within, notes);
        }

        /**
         * The figure a cell is ranked by: its median over rounds (forks), as ties and ratios are judged; the pooled
         * figure only where no fork has one of its own (each fork too short for it).
         */
        private static double overRounds(Candidate c, Figure figure, Function<CellMetrics, Double> pooled) {
            dev.infbench.harness.stats.ForkStatistic f = c.metrics().overForks(figure);
            return f.forks() > 0 && Double.isFinite(f.point()) ? f.point() : pooled.apply(c.metrics());
        }

        private Pick lowest(Kind kind, String statistic, List<Candidate> ranked, List<String> notes) {
            Function<CellMetrics, Double> value = statistic.equals(P99) ? CellMetrics::p99Ms : CellMetrics::p50Ms;
            Figure figure = Figure.of(statistic);
            Candidate winner = ranked.stream()
                    .min(Comparator.comparingDouble((Candidate c) -> overRounds(c, figure, value))
                            .thenComparingInt(c -> c.cell().index()))
                    .orElseThrow();
            return pick(kind, statistic, winner, ranked, value, notes);
        }

        private Pick highest(Kind kind, List<Candidate> ranked, List<String> notes) {
            Candidate winner = ranked.stream()
                    .max(Comparator.comparingDouble((Candidate c) -> overRounds(c, Figure.THROUGHPUT,
                                    CellMetrics::throughputPerS))
                            .thenComparing(c -> -c.cell().index()))
                    .orElseThrow();
            return pick(kind, THROUGHPUT, winner, ranked, CellMetrics::throughputPerS, notes);
        }

        private Pick pick(Kind kind, String statistic, Candidate winner, List<Candidate> ranked,
                Function<CellMetrics, Double> value, List<String> notes) {
            double winnerValue = value.apply(winner.metrics());
            Figure figure = decidingFigure(Figure.of(statistic), ranked);
            List<String> allNotes = new ArrayList<>(notes);
            if (figure != Figure.of(statistic)) {
                allNotes.add("ties judged by each fork's " + figure.label() + ": too few calls per fork for a "
                        + statistic + " of each fork");
            }
            List<Tie> ties = new ArrayList<>();
            for (Candidate c : ranked) {
                if (c == winner) {
                    continue;
                }
                Ratio ratio = winner.cell().ratio(c.cell(), figure);
                Ratio.Verdict verdict = ratio == null ? Ratio.Verdict.UNRESOLVED
                        : ratio.verdict(Ratio.DEFAULT_MIN_EFFECT);
                boolean beaten = figure.higherIsBetter() ? verdict == Ratio.Verdict.HIGHER
                        : verdict == Ratio.Verdict.LOWER;
                if (!beaten) {
                    ties.add(new Tie(c.cell(), value.apply(c.metrics()), c.metrics().overForks(figure).interval(),
                            ratio));
                }
            }
            if (kind == Kind.SLA && winner.metrics().p99Ms() == null) {
                allNotes.add("the winner is judged by p50 " + DecimalText.figure(winner.metrics().p50Ms())
                        + " ms: its p99 is unavailable (" + winner.metrics().samples() + " samples)");
            }
            if (winner.metrics().forks() < 2) {
                allNotes.add("unresolved after " + winner.metrics().forks() + (winner.cell().hasRounds() ? " round"
                        : " fork") + ": one fork gives no interval, so no other cell can be ruled out");
            }
            return new Pick(kind, winner.cell(), statistic, winnerValue, winner.metrics().overForks(figure).interval(),
                    ties, allNotes, new PickSentence(cells, ok, varying, byParams, statistic).of(winner), figure,
                    winner.metrics().forks(), ranked.size());
        }

        /** The pick's figure if every ranked cell has it in every fork, else the next figure down that they do. */
        private static Figure decidingFigure(Figure wanted, List<Candidate> ranked) {
            List<Figure> order = switch (wanted) {
                case P99 -> List.of(Figure.P99, Figure.P90, Figure.P50);
                case P90 -> List.of(Figure.P90, Figure.P50);
                default -> List.of(wanted);
            };
            for (Figure f : order) {
                boolean everyFork = ranked.stream().allMatch(c -> java.util.Arrays.stream(c.metrics().forkValues(f))
                        .allMatch(Double::isFinite));
                if (everyFork) {
                    return f;
                }
            }
            return order.get(order.size() - 1);
        }

    }

    /** The latency judged against the SLA: p99, or p50 where the tail rule leaves no p99. */
    private static Double slaLatency(CellMetrics m) {
        return m.p99Ms() != null ? m.p99Ms() : m.p50Ms();
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
