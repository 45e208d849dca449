package dev.infbench.harness;

import static dev.infbench.harness.TestCells.jmhFixture;
import static dev.infbench.harness.TestCells.params;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infbench.format.Accuracy;
import dev.infbench.format.CellStatus;
import dev.infbench.format.Json;
import dev.infbench.harness.metrics.Cell;
import java.util.List;
import java.util.Map;

/** A small sweep with every kind of row the reports must handle; the golden files are its rendering. */
public final class SweepFixture {

    static final String PRUNE_REASON = "batch exceeds the model's max_batch=8, skipped";

    private SweepFixture() {
    }

    public static List<Cell> cells() {
        ObjectNode effective = Json.MAPPER.createObjectNode();
        effective.put("intraOpThreads", 1);
        effective.put("optimization", "ALL_OPT");
        return List.of(
                // 2018 samples: p50, p90, p99 reported; p99.9 not.
                withEffective(TestCells.entry(1, cell("fp32", "4", "1"), CellStatus.OK, null, 61.25,
                        jmhFixture("sample-time.json")), effective),
                // 500 samples: p99 needs 1000, so it is n/a. A setting that did not take effect marks the row.
                withMismatch(TestCells.entry(2, cell("fp32", "8", "1"), CellStatus.OK, null, 31.0,
                        TestCells.sampleTime(500, 41.2, 40.9, 44.7, 63.0)),
                        "interop=4 asked, but the session runs SEQUENTIAL and created no inter-op threads"),
                // Throughput mode: no latency percentiles at all. Outside its accuracy threshold.
                withAccuracy(TestCells.entry(3, cell("int8", "8", "4"), CellStatus.INACCURATE,
                        "accuracy pooled-embedding: min cosine 0.912300 < 0.98 (int8)", 45.5,
                        jmhFixture("throughput.json")), 0.9123, 0.031, 0.98),
                // The same reason twice: one footnote.
                TestCells.unmeasured(4, cell("fp32", "16", "1"), CellStatus.PRUNED, PRUNE_REASON),
                TestCells.unmeasured(5, cell("fp32", "32", "1"), CellStatus.PRUNED, PRUNE_REASON),
                TestCells.entry(6, cell("fp16", "4", "4"), CellStatus.FAILED,
                        "fork exited with code 137: \"Killed\"", 3.2, null),
                // The baseline of every measured cell (fp32, batch 1): its forks ran at ~10 ms and ~13 ms, unstable.
                TestCells.entry(7, cell("fp32", "1", "1"), CellStatus.OK, null, 30.5,
                        jmhFixture("sample-time-two-regimes.json")));
    }

    private static Cell withMismatch(Cell e, String mismatch) {
        return Cell.of(e.entry().withMismatches(List.of(mismatch)));
    }

    private static Cell withAccuracy(Cell e, double minCosine, double maxAbs, double threshold) {
        return Cell.of(e.entry().withAccuracy(new Accuracy("pooled-embedding", 24, minCosine, maxAbs, null, threshold,
                minCosine >= threshold, "fp32")));
    }

    private static Cell withEffective(Cell e, JsonNode effective) {
        return Cell.of(e.entry().withEffective(effective));
    }

    private static Map<String, String> cell(String precision, String batch, String threads) {
        return params("model", "minilm", "backend", "onnxruntime", "target", "cpu", "precision", precision,
                "batch", batch, "threads", threads);
    }
}
