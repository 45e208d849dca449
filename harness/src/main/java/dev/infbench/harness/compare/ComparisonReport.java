package dev.infbench.harness.compare;

import dev.infbench.format.EnvFile;
import dev.infbench.harness.report.table.TextTable;
import dev.infbench.harness.report.text.DecimalText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Renders a {@link RunComparison} as text: context lines, the aligned table of matched cells, unmatched cells. */
public final class ComparisonReport {

    private ComparisonReport() {
    }

    /** The full report, ending with a newline. */
    public static String render(RunComparison comparison) {
        StringBuilder out = new StringBuilder();
        out.append("baseline:  ").append(comparison.baseline()).append(machine(comparison.baselineEnv())).append('\n');
        out.append("candidate: ").append(comparison.candidate()).append(machine(comparison.candidateEnv()))
                .append('\n');
        comparison.warnings().forEach(warning -> out.append("warning: ").append(warning).append('\n'));
        if (!comparison.softwareDifferences().isEmpty()) {
            out.append("software differs (context; hardware is the same):\n");
            comparison.softwareDifferences().forEach(line -> out.append("  ").append(line).append('\n'));
        }

        List<Map<String, String>> params = comparison.cells().stream().map(CellComparison::params).toList();
        List<String> names = names(params);
        Map<String, String> fixed = fixed(params, names);
        List<String> varying = names.stream().filter(name -> !fixed.containsKey(name)).toList();
        if (!fixed.isEmpty()) {
            out.append("fixed: ").append(join(fixed)).append('\n');
        }

        List<String> headers = new ArrayList<>(varying);
        headers.addAll(List.of("p50 ms base -> cand", "p50 ratio", "over forks", "machine", "normalised", "p99 ratio",
                "thrpt ratio", "p-value", "verdict"));
        boolean[] right = new boolean[headers.size()];
        for (int c = varying.size(); c < varying.size() + 8; c++) {
            right[c] = true;
        }
        TextTable table = new TextTable(headers, right);
        for (CellComparison cell : comparison.cells()) {
            List<String> row = new ArrayList<>();
            varying.forEach(name -> row.add(cell.params().getOrDefault(name, "")));
            row.add(ms(cell.baselineP50Ms()) + " -> " + ms(cell.candidateP50Ms()));
            row.add(ratio(cell.p50Ratio()));
            row.add(cell.forkInterval() == null ? "n/a" : ratio(cell.forkInterval().low()) + "-"
                    + ratio(cell.forkInterval().high()));
            row.add(ratio(cell.machineSlowdown()));
            row.add(ratio(cell.normalizedRatio()));
            row.add(ratio(cell.p99Ratio()));
            row.add(ratio(cell.throughputRatio()));
            row.add(cell.pValue() == null ? "n/a" : DecimalText.pValue(cell.pValue()));
            row.add(cell.verdict().name());
            table.add(row);
        }
        if (comparison.cells().isEmpty()) {
            out.append("no cell was measured in both runs\n");
        } else {
            out.append(table.render());
        }
        unmatched(out, "only in baseline", "candidate", comparison.onlyInBaseline());
        unmatched(out, "only in candidate", "baseline", comparison.onlyInCandidate());

        CompareSettings settings = comparison.settings();
        out.append(comparison.cells().size()).append(" cells compared: ")
                .append(count(comparison.withVerdict(Verdict.REGRESSION).size(), "regression", "regressions"))
                .append(", ")
                .append(count(comparison.withVerdict(Verdict.IMPROVEMENT).size(), "improvement", "improvements"))
                .append(", ").append(comparison.withVerdict(Verdict.MACHINE).size()).append(" machine")
                .append(", ").append(comparison.withVerdict(Verdict.UNRESOLVED).size()).append(" unresolved")
                .append(", ").append(comparison.withVerdict(Verdict.UNCHANGED).size()).append(" unchanged")
                .append(" (alpha ").append(DecimalText.exact(settings.alpha())).append(", min effect ")
                .append(DecimalText.exact(settings.minEffect() * 100)).append("%)\n");
        NoiseFloor floor = comparison.noiseFloor();
        if (floor != null) {
            int forks = comparison.cells().stream().mapToInt(c -> c.forks()).filter(f -> f >= 2).min().orElse(2);
            Map<String, String> shown = new LinkedHashMap<>(floor.params());
            shown.keySet().retainAll(varying.isEmpty() ? shown.keySet() : varying);
            out.append("noise floor: a fork moves by ±")
                    .append(DecimalText.significant((Math.exp(floor.sd()) - 1) * 100, 2))
                    .append("% (one standard deviation over forks, in ").append(join(shown)).append("); with ")
                    .append(forks)
                    .append(" forks a run a cell resolves a change of about ")
                    .append(DecimalText.ratio(floor.resolvableRatio(forks,
                            RunComparator.familyConfidence(comparison.cells().size())), 3))
                    .append(" or more; more rounds (-f) narrow it\n");
        }
        out.append("ratios are candidate / baseline; over forks: the p50 ratio's interval over the runs' forks (95% for"
                + " all cells together: each cell's is Bonferroni-adjusted);"
                + " machine: how much slower the candidate's machine-speed probe ran (baseline / candidate speed);"
                + " normalised: p50 ratio / machine; p-value: two-sided Mann-Whitney over per-call times."
                + " A regression or an improvement needs p < alpha, a p50 change beyond the min effect, the same change in"
                + " the forks' medians with an interval over forks clear of 1, and a normalised ratio beyond the min"
                + " effect (else the verdict is machine: the machine, not the code); unresolved: the p50 moved beyond the"
                + " min effect but the iterations or forks cannot tell (too few forks or an interval spanning 1); each"
                + " cell's interval over forks assumes at least the noise floor; n/a: too few samples or no per-call"
                + " data\n");
        return out.toString();
    }

    private static void unmatched(StringBuilder out, String title, String other, List<RunComparison.Unmatched> cells) {
        for (RunComparison.Unmatched cell : cells) {
            out.append(title).append(": ").append(join(cell.params())).append(" (").append(cell.status());
            out.append(cell.statusInOther() == null ? "; not in " + other : "; " + cell.statusInOther() + " in " + other);
            out.append(")\n");
        }
    }

    private static String machine(EnvFile env) {
        if (env.hardwareKey() == null && env.host() == null) {
            return "";
        }
        StringBuilder text = new StringBuilder("  (");
        text.append(env.host() == null ? "unknown host" : env.host());
        if (env.cpuModel() != null) {
            text.append(", ").append(env.cpuModel());
        }
        if (!env.gpuModels().isEmpty()) {
            text.append(", ").append(String.join(" + ", env.gpuModels()));
        }
        if (env.hardwareKey() != null) {
            text.append(", hardware ").append(env.hardwareKey());
        }
        return text.append(')').toString();
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static String ms(Double value) {
        return value == null ? "n/a" : DecimalText.significant(value, 3);
    }

    private static String ratio(Double value) {
        return value == null ? "n/a" : DecimalText.ratio(value, 3);
    }

    private static String join(Map<String, String> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    /** Parameter names in the order first seen. */
    static List<String> names(List<Map<String, String>> cells) {
        Set<String> names = new LinkedHashSet<>();
        cells.forEach(cell -> names.addAll(cell.keySet()));
        return List.copyOf(names);
    }

    /** The parameters every cell has with the same value (empty for fewer than 2 cells keeps one-cell tables readable). */
    static Map<String, String> fixed(List<Map<String, String>> cells, List<String> names) {
        Map<String, String> fixed = new LinkedHashMap<>();
        if (cells.size() < 2) {
            return fixed;
        }
        for (String name : names) {
            String first = cells.get(0).get(name);
            if (first != null && cells.stream().allMatch(cell -> Objects.equals(cell.get(name), first))) {
                fixed.put(name, first);
            }
        }
        return fixed;
    }
}
