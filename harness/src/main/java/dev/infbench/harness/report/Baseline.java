package dev.infbench.harness.report;

import dev.infbench.harness.metrics.CellMetrics;
import dev.infbench.harness.run.JournalEntry;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The baseline a cell's speedup is measured against, and the speedup itself.
 *
 * <p>The baseline of a cell is a measured cell of the same run and the same {@code model} at precision {@code fp32},
 * batch 1 and options {@code none} (the backend's defaults); a missing parameter counts as its default. Among those,
 * the one whose other parameters (backend, target, threads...) all equal the cell's is preferred; when there is none,
 * the lowest-index such cell of the model is used. A cell with no fp32 batch-1 cell of its model has no baseline.
 *
 * <p>Speedup is greater than 1 when the cell is better: {@code baseline p50 / cell p50} for latency (only where both
 * p50s pass the tail rule) and {@code cell throughput / baseline throughput} for samples per second.
 */
public final class Baseline {

    /** The parameters a baseline fixes; every other parameter is matched when it can be. */
    private static final Map<String, String> BASELINE_VALUES = Map.of("precision", "fp32", "batch", "1",
            "options", "none");
    private static final Set<String> DEFAULT_OPTIONS = Set.of("", "none");

    /**
     * A cell's speedup over its baseline.
     *
     * @param baselineIndex index of the baseline cell
     * @param p50           baseline p50 / cell p50, or null when either p50 is unavailable
     * @param throughput    cell throughput / baseline throughput, or null when either is unavailable
     */
    public record Speedup(int baselineIndex, Double p50, Double throughput) {
    }

    private Baseline() {
    }

    /** The baseline of {@code cell} within {@code run} (which may include the cell itself), if any. */
    public static Optional<JournalEntry> of(JournalEntry cell, List<JournalEntry> run) {
        String model = CellParams.params(cell).get("model");
        List<JournalEntry> candidates = run.stream()
                .filter(other -> Objects.equals(CellParams.params(other).get("model"), model))
                .filter(Baseline::isBaselineConfiguration)
                .filter(other -> other.status().measured() && CellMetrics.of(other).isPresent())
                .sorted(Comparator.comparingInt(JournalEntry::index))
                .toList();
        return candidates.stream().filter(other -> sameOtherParams(cell, other)).findFirst()
                .or(() -> candidates.stream().findFirst());
    }

    /** The speedup of {@code cell} over its baseline in {@code run}; empty for an unmeasured cell or no baseline. */
    public static Optional<Speedup> speedup(JournalEntry cell, List<JournalEntry> run) {
        Optional<CellMetrics> m = CellMetrics.of(cell);
        if (m.isEmpty() || !cell.status().measured()) {
            return Optional.empty();
        }
        return of(cell, run).map(base -> {
            CellMetrics b = CellMetrics.of(base).orElseThrow();
            return new Speedup(base.index(), ratio(b.p50Ms(), m.get().p50Ms()),
                    ratio(m.get().throughputPerS(), b.throughputPerS()));
        });
    }

    private static boolean isBaselineConfiguration(JournalEntry cell) {
        Map<String, String> params = CellParams.params(cell);
        String precision = params.getOrDefault("precision", "fp32").strip();
        String batch = params.getOrDefault("batch", "1").strip();
        String options = params.getOrDefault("options", "none").strip();
        return precision.equals("fp32") && batch.equals("1") && DEFAULT_OPTIONS.contains(options);
    }

    private static boolean sameOtherParams(JournalEntry cell, JournalEntry other) {
        Map<String, String> a = CellParams.params(cell);
        Map<String, String> b = CellParams.params(other);
        for (String name : CellParams.names(List.of(cell, other))) {
            if (!BASELINE_VALUES.containsKey(name) && !Objects.equals(a.get(name), b.get(name))) {
                return false;
            }
        }
        return true;
    }

    private static Double ratio(Double numerator, Double denominator) {
        if (numerator == null || denominator == null || !(denominator > 0)) {
            return null;
        }
        double ratio = numerator / denominator;
        return Double.isFinite(ratio) ? ratio : null;
    }
}
