package dev.infbench.harness.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.infbench.harness.metrics.Cell;
import java.util.Optional;

/**
 * A cell's arithmetic rate: the floating-point operations per sample the benchmark counted for the cell's shapes
 * ({@code effective.flops_per_sample}: Conv, Gemm and MatMul of the fp32 reference graph, multiply-add = 2) times
 * its samples per second.
 */
public final class CellFlops {
    private CellFlops() {
    }

    /** Operations per sample, when the cell carries a count. */
    public static Optional<Double> perSample(Cell cell) {
        JsonNode effective = cell.effective();
        if (effective == null || !effective.path("flops_per_sample").isNumber()) {
            return Optional.empty();
        }
        double flops = effective.path("flops_per_sample").asDouble();
        return flops > 0 ? Optional.of(flops) : Optional.empty();
    }

    /** Billions of operations per second: operations per sample × samples per second / 1e9. */
    public static Optional<Double> gflopsPerS(Cell cell) {
        Optional<Double> perSample = perSample(cell);
        if (perSample.isEmpty() || !cell.status().measured()) {
            return Optional.empty();
        }
        return cell.metrics().map(CellMetrics::throughputPerS).map(t -> perSample.get() * t / 1e9);
    }
}
