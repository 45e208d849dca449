package dev.infbench.harness.pick;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infbench.format.CellStatus;
import dev.infbench.format.Json;
import dev.infbench.harness.TestCells;
import dev.infbench.harness.metrics.Cell;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** SampleTime results with a real spread of calls, so that percentile intervals have width. */
final class PickCells {

    private PickCells() {
    }

    /**
     * A cell of model {@code m} whose calls are spread evenly over {@code center ± halfWidth} ms in 201 steps,
     * {@code perStep} calls per step in each of 2 iterations of each fork, each fork 1% slower than the one before.
     */
    static Cell cell(int index, CellStatus status, String precision, int batch, int threads, double center,
            double halfWidth, int perStep, int forks) {
        return TestCells.entry(index, TestCells.params("model", "m", "precision", precision, "batch",
                String.valueOf(batch), "threads", String.valueOf(threads)), status,
                status == CellStatus.INACCURATE ? "accuracy pooled-embedding: min cosine 0.91 < 0.99 (fp16)" : null,
                10.0, sample(center, halfWidth, perStep, forks));
    }

    static Cell ok(int index, String precision, int batch, int threads, double center, double halfWidth) {
        return cell(index, CellStatus.OK, precision, batch, threads, center, halfWidth, 3, 2);
    }

    static JsonNode sample(double center, double halfWidth, int perStep, int forks) {
        List<Double> all = new ArrayList<>();
        ObjectNode jmh = Json.MAPPER.createObjectNode();
        jmh.put("mode", "sample");
        jmh.put("threads", 1);
        jmh.put("forks", forks);
        ObjectNode primary = jmh.putObject("primaryMetric");
        primary.put("score", center);
        ObjectNode percentiles = primary.putObject("scorePercentiles");
        primary.put("scoreUnit", "ms/op");
        ArrayNode histogram = primary.putArray("rawDataHistogram");
        for (int f = 0; f < forks; f++) {
            ArrayNode fork = histogram.addArray();
            for (int i = 0; i < 2; i++) {
                ArrayNode iteration = fork.addArray();
                for (int k = 0; k <= 200; k++) {
                    // Each fork 1% slower than the one before: forks of a real cell never agree exactly.
                    double value = (center + halfWidth * (k - 100) / 100.0) * (1 + 0.01 * f);
                    iteration.addArray().add(value).add(perStep);
                    for (int c = 0; c < perStep; c++) {
                        all.add(value);
                    }
                }
            }
        }
        Collections.sort(all);
        percentiles.put("50.0", quantile(all, 0.5));
        percentiles.put("90.0", quantile(all, 0.9));
        percentiles.put("99.0", quantile(all, 0.99));
        percentiles.put("99.9", quantile(all, 0.999));
        return jmh;
    }

    private static double quantile(List<Double> sorted, double q) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
    }
}
