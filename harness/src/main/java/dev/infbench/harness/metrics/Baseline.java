package dev.infbench.harness.metrics;

import dev.infbench.harness.metrics.Cell;
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
    public static Optional<Cell> of(Cell cell, List<Cell> run) {
        Index index = index(run);
        String model = CellParams.params(cell).get("model");
        Cell exact = index.bySignature.get(signature(cell));
        if (exact != null && Objects.equals(CellParams.params(exact).get("model"), model)) {
            return Optional.of(exact);
        }
        // Never across scenarios: a p50 under open-loop load is not a closed loop's.
        return Optional.ofNullable(index.firstByModel.get(modelAndScenario(cell)));
    }

    /**
     * The run's baseline cells, indexed once per run (reports ask for every cell's baseline: scanning the run for
     * each would be quadratic, minutes at 10,000 cells): by their parameters other than precision, batch and options
     * (first by index wins), and the first of each model.
     */
    private record Index(List<Cell> run, Map<Map<String, String>, Cell> bySignature,
                         Map<String, Cell> firstByModel) {
    }

    private static Index last;

    private static synchronized Index index(List<Cell> run) {
        if (last != null && last.run == run) {
            return last;
        }
        Map<Map<String, String>, Cell> bySignature = new java.util.HashMap<>();
        Map<String, Cell> firstByModel = new java.util.HashMap<>();
        run.stream()
                .filter(Baseline::isBaselineConfiguration)
                .filter(other -> other.status().measured() && other.metrics().isPresent())
                .sorted(Comparator.comparingInt(Cell::index))
                .forEach(c -> {
                    bySignature.putIfAbsent(signature(c), c);
                    firstByModel.putIfAbsent(modelAndScenario(c), c);
                });
        last = new Index(run, bySignature, firstByModel);
        return last;
    }

    /**
     * The parameters that a cell and its baseline share: all but precision, batch and options, and a server's
     * batching delay (which goes with a batch above 1, so a batched cell's baseline is the unbatched one).
     */
    private static Map<String, String> signature(Cell cell) {
        Map<String, String> sig = new java.util.TreeMap<>(cell.identity());
        BASELINE_VALUES.keySet().forEach(sig::remove);
        sig.remove(dev.infbench.format.Params.MAX_DELAY_MS);
        return sig;
    }

    private static String modelAndScenario(Cell cell) {
        return CellParams.params(cell).get("model") + "\u0000" + cell.identity().get(dev.infbench.format.Params
                .SCENARIO);
    }

    /** The speedup of {@code cell} over its baseline in {@code run}; empty for an unmeasured cell or no baseline. */
    public static Optional<Speedup> speedup(Cell cell, List<Cell> run) {
        Optional<CellMetrics> m = cell.metrics();
        if (m.isEmpty() || !cell.status().measured()) {
            return Optional.empty();
        }
        return of(cell, run).map(base -> {
            CellMetrics b = base.metrics().orElseThrow();
            return new Speedup(base.index(), ratio(b.p50Ms(), m.get().p50Ms()),
                    ratio(m.get().throughputPerS(), b.throughputPerS()));
        });
    }

    private static boolean isBaselineConfiguration(Cell cell) {
        Map<String, String> params = CellParams.params(cell);
        String precision = params.getOrDefault("precision", "fp32").strip();
        String batch = params.getOrDefault("batch", "1").strip();
        String options = params.getOrDefault("options", "none").strip();
        return precision.equals("fp32") && batch.equals("1") && DEFAULT_OPTIONS.contains(options);
    }

    private static Double ratio(Double numerator, Double denominator) {
        if (numerator == null || denominator == null || !(denominator > 0)) {
            return null;
        }
        double ratio = numerator / denominator;
        return Double.isFinite(ratio) ? ratio : null;
    }
}
