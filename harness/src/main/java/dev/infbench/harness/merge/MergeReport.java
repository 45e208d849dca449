package dev.infbench.harness.merge;

import dev.infbench.format.EnvFile;
import dev.infbench.format.RunLayout;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.pick.BestPicks;
import dev.infbench.harness.report.table.TextTable;
import dev.infbench.harness.report.text.DecimalText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Text view of a merge: the machines, then per machine and model its picks side by side (online, batch, within the
 * SLA; as in a run's best.md), each with the parameters that set the winner apart.
 */
public final class MergeReport {

    private MergeReport() {
    }

    /** The report, ending with a newline. */
    public static String render(MergedRuns merged) {
        StringBuilder out = new StringBuilder();
        out.append("machines:\n");
        merged.picks().forEach(machine -> out.append("  ").append(machine.machine()).append(": ")
                .append(describe(machine.env())).append(" (runs: ").append(String.join(", ", machine.runs()))
                .append(")\n"));

        TextTable table = new TextTable(
                List.of("machine", "model", "online: p99 ms @ batch 1", "cell", "batch: samples/s", "cell",
                        "SLA p99 <= " + DecimalText.exact(merged.slaMs()) + " ms: samples/s", "cell"),
                new boolean[] {false, false, true, false, true, false, true, false});
        int rows = 0;
        for (MachinePicks machine : merged.picks()) {
            for (BestPicks.ModelPicks model : machine.picks().models()) {
                List<String> row = new ArrayList<>(List.of(machine.machine(), model.model()));
                for (BestPicks.Kind kind : List.of(BestPicks.Kind.ONLINE, BestPicks.Kind.BATCH, BestPicks.Kind.SLA)) {
                    BestPicks.Pick pick = model.pick(kind).orElse(null);
                    if (pick == null || pick.winner() == null) {
                        row.add("n/a");
                        row.add("");
                    } else {
                        row.add(figure(pick));
                        row.add(cell(machine, model, pick.winner()));
                    }
                }
                table.add(row);
                rows++;
            }
        }
        if (rows == 0) {
            out.append("no cell to pick from\n");
        } else {
            out.append(table.render());
        }
        out.append("picks as in each run's " + RunLayout.BEST_MD
                + ", per machine over all its runs: OK cells only (never INACCURATE,"
                + " FAILED or PRUNED); \"+N tied\": N more cells whose 95% interval overlaps the winner's;"
                + " \"(p50)\": ranked by p50 where no p99 had enough samples; n/a: no OK cell qualifies\n");
        return out.toString();
    }

    private static String figure(BestPicks.Pick pick) {
        String text = pick.value() == null ? "n/a" : DecimalText.significant(pick.value(), 3);
        if ("p50".equals(pick.statistic())) {
            text += " (p50)";
        }
        return pick.ties().isEmpty() ? text : text + " +" + pick.ties().size() + " tied";
    }

    /** The winner's parameters that vary among the model's cells on that machine, and its run when there are several. */
    private static String cell(MachinePicks machine, BestPicks.ModelPicks model, Cell winner) {
        Map<String, String> params = winner.params() == null ? Map.of() : winner.params();
        String text = model.varying().stream().filter(params::containsKey)
                .map(name -> name + "=" + params.get(name)).collect(Collectors.joining(" "));
        if (machine.runs().size() > 1) {
            text += (text.isEmpty() ? "" : " ") + "(run " + machine.run(winner) + ")";
        }
        return text.isEmpty() ? "the only configuration" : text;
    }

    private static String describe(EnvFile env) {
        List<String> parts = new ArrayList<>();
        parts.add(env.host() == null ? "unknown host" : env.host());
        if (env.cpuModel() != null) {
            parts.add(env.cpuModel());
        }
        if (!env.gpuModels().isEmpty()) {
            parts.add(String.join(" + ", env.gpuModels()));
        }
        return String.join(", ", parts);
    }
}
