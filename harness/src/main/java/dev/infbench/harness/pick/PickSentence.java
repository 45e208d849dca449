package dev.infbench.harness.pick;

import dev.infbench.harness.metrics.Baseline;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.metrics.CellMetrics;
import dev.infbench.harness.metrics.CellParams;
import dev.infbench.harness.metrics.Figure;
import dev.infbench.harness.report.text.DecimalText;
import dev.infbench.harness.stats.Ratio;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The one sentence a pick states, built from the measurements: the winner's figure, its gain over the fp32 batch-1
 * baseline and, for each parameter where it differs from the baseline, that parameter's effect measured with the
 * other parameters held equal ("int8 against fp32: p99 2.5× lower (×0.37–×0.43) at threads=1"). Every ratio comes
 * from the two cells' forks paired by round, with its 95% interval, and is said as a difference only where that
 * interval shows one ({@link RatioWords}). Choosing the winner is {@link BestPicks}'s business; this only says it.
 */
final class PickSentence {
    private final List<Cell> cells;
    private final List<Candidate> ok;
    private final List<String> varying;
    private final Map<Map<String, String>, Candidate> byParams;
    private final String statistic;

    /**
     * @param cells     every cell of the model
     * @param ok        its OK cells with their metrics
     * @param varying   the parameters that vary among its cells
     * @param byParams  the OK cells by their parameters
     * @param statistic what the pick ranks by: {@code p99}, {@code p50} or {@code samples/s}
     */
    PickSentence(List<Cell> cells, List<Candidate> ok, List<String> varying,
                 Map<Map<String, String>, Candidate> byParams, String statistic) {
        this.cells = cells;
        this.ok = ok;
        this.varying = varying;
        this.byParams = byParams;
        this.statistic = statistic;
    }

    private Optional<Candidate> find(Map<String, String> params) {
        return Optional.ofNullable(byParams.get(params));
    }


    String of(Candidate winner) {
        StringBuilder text = new StringBuilder(describe(winner.cell()));
        text.append(" has ").append(figure(statistic, winner.metrics()));
        Optional<Cell> baselineCell = Baseline.of(winner.cell(), cells);
        Optional<Candidate> baseline = baselineCell.flatMap(b -> find(CellParams.params(b)));
        if (baselineCell.isEmpty()) {
            text.append("; this model has no fp32 batch-1 baseline to compare with");
        } else if (baselineCell.get().index() == winner.cell().index()) {
            text.append("; it is the baseline configuration itself");
        } else if (baseline.isEmpty()) {
            text.append("; the baseline (#").append(baselineCell.get().index()).append(") is not an OK cell");
        } else {
            String name = "the fp32 batch-1 baseline" + others(baseline.get().cell(), Set.of("precision", "batch"));
            Double base = value(statistic, baseline.get().metrics());
            if (base != null) {
                text.append(", ").append(compare(winner.cell(), baseline.get().cell(), statistic))
                        .append(" against ").append(name).append(" (").append(DecimalText.figure(base))
                        .append(statistic.equals(BestPicks.THROUGHPUT) ? " samples/s" : " ms").append(")");
            } else {
                text.append("; ").append(name).append(" has no ").append(statistic).append(" (")
                        .append(baseline.get().metrics().samples()).append(" samples)");
                Double wp50 = winner.metrics().p50Ms();
                Double bp50 = baseline.get().metrics().p50Ms();
                if (wp50 != null && bp50 != null) {
                    text.append(", and by p50 it is ").append(compare(winner.cell(), baseline.get().cell(),
                            BestPicks.P50)).append(" (")
                            .append(DecimalText.figure(wp50)).append(" ms against ").append(DecimalText
                                    .figure(bp50))
                            .append(" ms)");
                }
            }
            for (String name2 : varying) {
                String mine = CellParams.params(winner.cell()).get(name2);
                String theirs = CellParams.params(baseline.get().cell()).get(name2);
                if (!Objects.equals(mine, theirs)) {
                    String why = why(winner, name2, mine, theirs);
                    if (!why.isEmpty()) {
                        text.append("; ").append(why);
                    }
                }
            }
        }
        return text.append(" on this machine.").toString();
    }

    /** {@code a} against {@code b} for parameter {@code name}, holding the other parameters equal. */
    private String why(Candidate winner, String name, String mine, String theirs) {
        List<String> comparisons = new ArrayList<>();
        List<Candidate> withMine = new ArrayList<>(ok.stream()
                .filter(c -> Objects.equals(CellParams.params(c.cell()).get(name), mine)).toList());
        withMine.sort(Comparator.comparingInt((Candidate c) -> c == winner ? 0 : 1)
                .thenComparingInt(c -> c.cell().index()));
        for (Candidate c : withMine) {
            Map<String, String> other = new LinkedHashMap<>(CellParams.params(c.cell()));
            other.put(name, theirs);
            Optional<Candidate> pair = find(other);
            if (pair.isEmpty()) {
                continue;
            }
            String stat = statistic;
            Double a = value(stat, c.metrics());
            Double b = value(stat, pair.get().metrics());
            if ((a == null || b == null) && !stat.equals(BestPicks.THROUGHPUT)) {
                stat = BestPicks.P50;
                a = value(stat, c.metrics());
                b = value(stat, pair.get().metrics());
            }
            if (a == null || b == null) {
                continue;
            }
            String where = c == winner ? "here" : "at " + differences(c.cell(), winner.cell(), name);
            comparisons.add((stat.equals(BestPicks.THROUGHPUT) ? "throughput" : stat) + " "
                    + compare(c.cell(), pair.get().cell(), stat) + " " + where);
        }
        if (comparisons.isEmpty()) {
            return "";
        }
        return label(name, mine) + " against " + label(name, theirs) + ": " + String.join(", ", comparisons);
    }

    private String describe(Cell cell) {
        Map<String, String> p = CellParams.params(cell);
        StringBuilder text = new StringBuilder();
        if (varying.contains("precision")) {
            text.append(p.get("precision"));
        }
        if (varying.contains("batch")) {
            text.append(text.length() == 0 ? "batch " : " at batch ").append(p.get("batch"));
        }
        String rest = others(cell, Set.of("precision", "batch"));
        if (text.length() == 0) {
            return rest.isEmpty() ? "The only configuration (#" + cell.index() + ")"
                    : "The configuration" + rest;
        }
        return text.append(rest).toString();
    }

    /** " with k=v, k=v" for the varying parameters other than {@code skip}, or "". */
    private String others(Cell cell, Set<String> skip) {
        StringJoiner j = new StringJoiner(", ", " with ", "").setEmptyValue("");
        for (String name : varying) {
            if (!skip.contains(name)) {
                j.add(name + "=" + CellParams.params(cell).get(name));
            }
        }
        return j.toString();
    }

    /** The varying parameters, other than {@code skip}, where {@code cell} differs from {@code reference}. */
    private String differences(Cell cell, Cell reference, String skip) {
        StringJoiner j = new StringJoiner(" and ");
        for (String name : varying) {
            String v = CellParams.params(cell).get(name);
            if (!name.equals(skip) && !Objects.equals(v, CellParams.params(reference).get(name))) {
                j.add(label(name, v));
            }
        }
        return j.toString();
    }

    private static String label(String name, String value) {
        return switch (name) {
            case "precision" -> value;
            case "batch" -> "batch " + value;
            default -> name + "=" + value;
        };
    }

    /**
     * How {@code mine} stands against {@code theirs} in {@code statistic}, from their forks paired by round: "2.1×
     * lower (×0.45–×0.51)", "no measurable difference (...)", "unresolved after 2 rounds (...)".
     */
    private static String compare(Cell mine, Cell theirs, String statistic) {
        Ratio ratio = mine.ratio(theirs, Figure.of(statistic));
        if (ratio == null) {
            return "not comparable fork by fork (too few calls per fork for a " + statistic + " of each)";
        }
        return RatioWords.of(ratio);
    }

    private static String figure(String statistic, CellMetrics m) {
        String v = DecimalText.figure(value(statistic, m));
        return statistic.equals(BestPicks.THROUGHPUT) ? v + " samples/s" : statistic + " " + v + " ms";
    }

    private static Double value(String statistic, CellMetrics m) {
        return switch (statistic) {
            case BestPicks.P99 -> m.p99Ms();
            case BestPicks.P50 -> m.p50Ms();
            default -> m.throughputPerS();
        };
    }
}
