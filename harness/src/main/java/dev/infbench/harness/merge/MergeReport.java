package dev.infbench.harness.merge;

import dev.infbench.harness.compare.Decimals;
import dev.infbench.harness.compare.RunEnvironment;
import dev.infbench.harness.compare.TextTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Text view of a merge: the machines, then per machine and model its best cells side by side: lowest p50 at batch 1
 * and highest throughput, each with the parameters that set it apart.
 */
public final class MergeReport {

    private MergeReport() {
    }

    /** The report, ending with a newline. */
    public static String render(MergedRuns merged) {
        StringBuilder out = new StringBuilder();
        Map<String, RunEnvironment> machines = new LinkedHashMap<>();
        Map<String, Set<String>> runs = new LinkedHashMap<>();
        for (MergedRow row : merged.rows()) {
            machines.putIfAbsent(row.machine(), row.env());
            runs.computeIfAbsent(row.machine(), machine -> new LinkedHashSet<>()).add(row.run());
        }
        out.append("machines:\n");
        machines.forEach((machine, env) -> out.append("  ").append(machine).append(": ").append(describe(env))
                .append(" (runs: ").append(String.join(", ", runs.get(machine))).append(")\n"));

        List<String> distinguishing = distinguishing(merged.rows());
        TextTable table = new TextTable(
                List.of("machine", "model", "best p50 ms @ batch 1", "cell", "best samples/s", "cell"),
                new boolean[] {false, false, true, false, true, false});
        for (BestCells best : merged.best()) {
            MergedRow fast = best.lowestP50Batch1();
            MergedRow busy = best.highestThroughput();
            table.add(List.of(best.machine(), best.model(),
                    fast == null ? "n/a" : Decimals.significant(fast.p50Ms(), 3),
                    fast == null ? "" : params(fast, distinguishing),
                    busy == null ? "n/a" : Decimals.significant(busy.throughputPerS(), 3),
                    busy == null ? "" : params(busy, distinguishing)));
        }
        if (merged.best().isEmpty()) {
            out.append("no OK cell to pick from\n");
        } else {
            out.append(table.render());
        }
        out.append("best cells are picked among OK cells only (never INACCURATE, FAILED or PRUNED); n/a: no OK cell"
                + " with that figure\n");
        return out.toString();
    }

    private static String describe(RunEnvironment env) {
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

    /** Parameters other than {@code model} whose value varies across all rows. */
    private static List<String> distinguishing(List<MergedRow> rows) {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(row -> names.addAll(row.params().keySet()));
        names.remove("model");
        return names.stream().filter(name -> {
            String first = rows.get(0).params().get(name);
            return !rows.stream().allMatch(row -> Objects.equals(row.params().get(name), first));
        }).toList();
    }

    private static String params(MergedRow row, List<String> names) {
        return names.stream().filter(row.params()::containsKey).map(name -> name + "=" + row.params().get(name))
                .collect(Collectors.joining(" "));
    }
}
