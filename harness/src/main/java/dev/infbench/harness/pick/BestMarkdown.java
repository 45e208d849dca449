package dev.infbench.harness.pick;

import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.metrics.CellMetrics;
import dev.infbench.harness.metrics.CellParams;
import dev.infbench.harness.metrics.Figure;
import dev.infbench.harness.report.table.SummaryTable;
import dev.infbench.harness.report.text.DecimalText;
import dev.infbench.harness.report.text.MarkdownText;
import dev.infbench.harness.stats.Interval;
import dev.infbench.harness.stats.Ratio;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** {@code best.md}: the picks of a run as Markdown; numbers use {@code .} as decimal point in every locale. */
public final class BestMarkdown {


    private BestMarkdown() {
    }

    /** How text from the run is written: escaped for Markdown, or as it is (on one line) for a plain-text view. */
    private enum Text {
        MARKDOWN, PLAIN;

        String inline(String s) {
            String v = s == null ? "null" : s;
            return this == MARKDOWN ? MarkdownText.inline(v) : SummaryTable.oneLine(v);
        }

        String lineStart(String s) {
            return this == MARKDOWN ? MarkdownText.lineStart(s) : SummaryTable.oneLine(s);
        }

        String code(String s) {
            return this == MARKDOWN ? MarkdownText.code(s) : SummaryTable.oneLine(s);
        }
    }

    /** The Markdown document of {@code picks}: one section per model. */
    public static String render(BestPicks picks) {
        return render(picks, Text.MARKDOWN);
    }

    /**
     * The same document as plain text, values as they are (on one line): for showing it verbatim, as the HTML report
     * does inside {@code <pre>}, escaped for HTML there.
     */
    public static String plain(BestPicks picks) {
        return render(picks, Text.PLAIN);
    }

    private static String render(BestPicks picks, Text t) {
        StringBuilder md = new StringBuilder();
        for (BestPicks.ModelPicks model : picks.models()) {
            if (md.length() > 0) {
                md.append('\n');
            }
            model(md, picks, model, t);
        }
        if (picks.models().isEmpty()) {
            md.append("# Best configurations on ").append(picks.hardwareKey()).append("\n\nNo cells in this run.\n");
        }
        return md.toString();
    }

    private static void model(StringBuilder md, BestPicks picks, BestPicks.ModelPicks model, Text t) {
        md.append("# Best configurations: ").append(model.model().isEmpty() ? "(no model)" : t.inline(model.model()))
                .append(" on ")
                .append(picks.hardwareKey() == null ? "(unknown hardware)" : t.inline(picks.hardwareKey()))
                .append("\n\n");
        md.append("- hardware key: `").append(t.code(String.valueOf(picks.hardwareKey())))
                .append("` (the picks hold for this machine)\n");
        md.append("- SLA: p99 ≤ ").append(DecimalText.figure(picks.slaMs()))
                .append(" ms (p50 where the tail rule leaves no p99)\n");
        if (picks.memoryCapBytes() != null) {
            md.append("- memory cap: ").append(picks.memoryCapBytes() / (1024 * 1024)).append(" MiB\n");
        }
        if (!model.fixed().isEmpty()) {
            StringJoiner fixed = new StringJoiner(" ");
            model.fixed().forEach((k, v) -> fixed.add(k + "=" + v));
            md.append("- fixed: ").append(t.inline(fixed.toString())).append('\n');
        }
        md.append("- eligible: ").append(model.eligible()).append(" OK cell").append(model.eligible() == 1 ? "" : "s")
                .append("; excluded: ").append(model.excluded().size()).append('\n');
        if (model.baseline() != null) {
            md.append("- baseline: #").append(model.baseline().index()).append(' ')
                    .append(describe(t, model.baseline(), model.varying())).append('\n');
        }
        for (BestPicks.Pick pick : model.picks()) {
            md.append("\n## ").append(pick.kind().title()).append(": ").append(pick.kind().goal()).append("\n\n");
            if (pick.winner() == null) {
                md.append("No pick.\n");
            } else {
                md.append("Winner: #").append(pick.winner().index()).append(' ')
                        .append(describe(t, pick.winner(), model.varying())).append(": ")
                        .append(figures(pick.winner())).append('\n');
                md.append("\n").append(t.lineStart(pick.sentence())).append('\n');
                String figure = pick.decidedBy().label();
                String rounds = rounds(pick.rounds(), pick.winner().hasRounds());
                if (pick.ranked() == 1) {
                    md.append("\nThe only cell ranked; its ").append(figure).append(" over forks")
                            .append(interval(pick.interval(), figure)).append(".\n");
                } else if (!pick.ties().isEmpty()) {
                    md.append("\nUnresolved after ").append(rounds).append(": not shown to beat ")
                            .append(pick.ties().size() == 1 ? "this cell" : "these cells")
                            .append(" (the winner's ").append(figure).append(" over each")
                            .append(pick.winner().hasRounds() ? ", paired by round," : ", forks unpaired (they did not"
                                    + " run in interleaved rounds),")
                            .append(" with its 95% interval; the winner's ").append(figure).append(" over forks")
                            .append(interval(pick.interval(), figure)).append("):\n\n");
                    for (BestPicks.Tie tie : pick.ties()) {
                        md.append("- #").append(tie.cell().index()).append(' ')
                                .append(describe(t, tie.cell(), model.varying())).append(": ")
                                .append(pick.statistic())
                                .append(' ').append(DecimalText.figure(tie.value())).append(unit(pick.statistic()))
                                .append("; the winner's ").append(figure).append(' ')
                                .append(tie.ratio() == null ? "cannot be compared (no common forks)"
                                        : RatioWords.of(tie.ratio()))
                                .append('\n');
                    }
                } else {
                    md.append("\nResolved after ").append(rounds).append(": the winner's ")
                            .append(figure).append(" beats every other cell's")
                            .append(pick.winner().hasRounds() ? ", paired by round" : "")
                            .append(" (95% intervals of the ratios exclude a tie); its ").append(figure)
                            .append(" over forks").append(interval(pick.interval(), figure)).append(".\n");
                }
            }
            if (!pick.notes().isEmpty()) {
                md.append('\n');
                pick.notes().forEach(note -> md.append("- ").append(t.lineStart(note)).append('\n'));
            }
        }
        backends(md, model, t);
        md.append("\n## Pareto front: p50 latency against throughput\n\n");
        if (model.pareto().isEmpty()) {
            md.append("No OK cell has both a p50 and a throughput.\n");
        } else {
            md.append("| # |");
            model.varying().forEach(name -> md.append(' ').append(t.inline(name)).append(" |"));
            md.append(" p50 ms | samples/s |\n|---|");
            model.varying().forEach(name -> md.append("---|"));
            md.append("---:|---:|\n");
            for (Cell cell : model.pareto()) {
                CellMetrics m = cell.metrics().orElseThrow();
                md.append("| ").append(cell.index()).append(" |");
                model.varying().forEach(name -> md.append(' ').append(t.inline(CellParams.params(cell).get(name)))
                        .append(" |"));
                md.append(' ').append(DecimalText.figure(m.p50Ms())).append(" | ").append(DecimalText.figure(m
                        .throughputPerS()))
                        .append(" |\n");
            }
        }
        md.append("\n## Excluded cells: ").append(model.excluded().size()).append("\n\n");
        if (model.excluded().isEmpty()) {
            md.append("None: every cell is OK.\n");
        } else {
            Map<String, Integer> byStatus = new LinkedHashMap<>();
            model.excluded().forEach(e -> byStatus.merge(e.cell().status().name(), 1, Integer::sum));
            StringJoiner counts = new StringJoiner(", ");
            byStatus.forEach((status, n) -> counts.add(n + " " + status));
            md.append(counts).append(". Never picked: INACCURATE cells are outside their accuracy threshold, FAILED "
                    + "and PRUNED cells have no timings.\n\n");
            for (BestPicks.Excluded e : model.excluded()) {
                md.append("- #").append(e.cell().index()).append(' ')
                        .append(describe(t, e.cell(), model.varying()))
                        .append(": ").append(t.inline(e.why())).append('\n');
            }
        }
    }

    /**
     * When the model ran on more than one backend: one row per configuration (the other varying parameters), each
     * backend's p50 and throughput side by side, and the slowest p50 against the fastest, paired by round and said
     * as {@link RatioWords} says every ratio (a difference only where its interval shows one). Only OK cells.
     */
    private static void backends(StringBuilder md, BestPicks.ModelPicks model, Text t) {
        if (!model.varying().contains("backend")) {
            return;
        }
        List<String> others = model.varying().stream().filter(name -> !name.equals("backend")).toList();
        Map<String, Map<String, Cell>> rows = new LinkedHashMap<>();
        java.util.Set<String> backends = new java.util.LinkedHashSet<>();
        for (Cell cell : model.cells()) {
            java.util.Optional<CellMetrics> m = cell.status() == dev.infbench.format.CellStatus.OK
                    ? cell.metrics() : java.util.Optional.empty();
            String backend = CellParams.params(cell).get("backend");
            if (m.isEmpty() || backend == null) {
                continue;
            }
            backends.add(backend);
            rows.computeIfAbsent(describe(t, cell, others), k -> new LinkedHashMap<>())
                    .putIfAbsent(backend, cell);
        }
        if (backends.size() < 2) {
            return;
        }
        md.append("\n## Backends side by side\n\n| configuration |");
        backends.forEach(b -> md.append(' ').append(t.inline(b)).append(" p50 ms | ").append(t.inline(b))
                .append(" samples/s |"));
        md.append(" slowest p50 against the fastest |\n|---|");
        backends.forEach(b -> md.append("---:|---:|"));
        md.append("---:|\n");
        rows.forEach((config, byBackend) -> {
            md.append("| ").append(config).append(" |");
            Cell fastest = null;
            Cell slowest = null;
            int withP50 = 0;
            for (String b : backends) {
                Cell cell = byBackend.get(b);
                CellMetrics m = cell == null ? null : cell.metrics().orElse(null);
                Double p50 = m == null ? null : m.p50Ms();
                Double throughput = m == null ? null : m.throughputPerS();
                md.append(' ').append(m == null ? "—" : p50 == null ? "n/a (n=" + m.samples() + ")"
                        : DecimalText.figure(p50)).append(" | ").append(throughput == null ? "—" : DecimalText
                                .figure(throughput))
                        .append(" |");
                if (p50 != null) {
                    withP50++;
                    if (fastest == null || p50 < fastest.metrics().orElseThrow().p50Ms()) {
                        fastest = cell;
                    }
                    if (slowest == null || p50 > slowest.metrics().orElseThrow().p50Ms()) {
                        slowest = cell;
                    }
                }
            }
            Ratio ratio = slowest == null || slowest == fastest ? null : slowest.ratio(fastest, Figure.P50);
            md.append(' ').append(ratio != null ? RatioWords.of(ratio) : withP50 >= 2 ? "n/a" : "—").append(" |\n");
        });
        md.append("\n—: the backend has no OK cell in that configuration (or only one backend has a p50); n/a: too few"
                + " samples for a p50, or the backends' forks ran in no common round to pair.\n");
    }

    /** The cell's varying parameters as escaped Markdown. */
    /** The cell's varying parameters, written as {@code t} writes text. */
    private static String describe(Text t, Cell cell, List<String> varying) {
        StringJoiner j = new StringJoiner(" ");
        varying.forEach(name -> j.add(name + "=" + CellParams.params(cell).get(name)));
        return j.length() == 0 ? "(the only configuration)" : t.inline(j.toString());
    }

    private static String figures(Cell cell) {
        CellMetrics m = cell.metrics().orElseThrow();
        StringJoiner j = new StringJoiner(", ");
        j.add("p50 " + (m.p50Ms() == null ? "n/a" : DecimalText.figure(m.p50Ms()) + " ms"));
        j.add("p99 " + (m.p99Ms() == null ? "n/a" : DecimalText.figure(m.p99Ms()) + " ms"));
        j.add((m.throughputPerS() == null ? "n/a" : DecimalText.figure(m.throughputPerS())) + " samples/s");
        j.add(m.samples() + " samples");
        j.add(m.forks() + (m.forks() == 1 ? " fork" : " forks"));
        return j.toString();
    }

    private static String rounds(int n, boolean rounds) {
        return n + (rounds ? " round" : " fork") + (n == 1 ? "" : "s");
    }

    private static String interval(Interval interval, String statistic) {
        if (interval == null) {
            return " (no interval)";
        }
        return " [" + DecimalText.figure(interval.low()) + ", " + DecimalText.figure(interval.high()) + "]"
                + unit(statistic);
    }

    private static String unit(String statistic) {
        return "samples/s".equals(statistic) ? " samples/s" : " ms";
    }
}
