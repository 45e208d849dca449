package dev.infbench.harness.metrics;

import static dev.infbench.harness.TestCells.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.infbench.format.CellStatus;
import dev.infbench.harness.TestCells;
import dev.infbench.harness.metrics.Cell;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Speedup is measured against the fp32, batch-1, default-options cell of the same model. */
class BaselineTest {

    private static Cell cell(int index, String model, String precision, String batch, String threads,
            String options, double p50) {
        Map<String, String> params = params("model", model, "precision", precision, "batch", batch,
                "threads", threads, "options", options);
        return TestCells.measured(index, params, TestCells.sampleTime(2000, p50, p50, p50, p50));
    }

    @Test
    void theBaselineWithTheSameOtherParametersIsPreferred() {
        Cell base1 = cell(1, "minilm", "fp32", "1", "1", "none", 20);
        Cell base4 = cell(2, "minilm", "fp32", "1", "4", "none", 8);
        Cell int8 = cell(3, "minilm", "int8", "8", "4", "none", 16);
        List<Cell> run = List.of(base1, base4, int8);

        assertThat(Baseline.of(int8, run)).contains(base4);
        assertThat(Baseline.speedup(int8, run)).hasValueSatisfying(s -> {
            assertThat(s.baselineIndex()).isEqualTo(2);
            assertThat(s.p50()).as("8 ms / 16 ms").isCloseTo(0.5, within(1e-12));
            // 8 samples per 16 ms against 1 per 8 ms.
            assertThat(s.throughput()).isCloseTo(4.0, within(1e-9));
        });
    }

    @Test
    void withoutAnExactMatchTheLowestIndexBaselineOfTheModelIsUsed() {
        Cell other = cell(1, "resnet", "fp32", "1", "2", "none", 5);
        Cell base = cell(2, "minilm", "fp32", "1", "1", "none", 20);
        Cell later = cell(3, "minilm", "fp32", "1", "2", "none", 12);
        Cell cell = cell(4, "minilm", "fp32", "8", "8", "none", 10);

        assertThat(Baseline.of(cell, List.of(other, later, base, cell))).contains(base);
    }

    @Test
    void aBaselineIsItsOwnBaselineWithSpeedupOne() {
        Cell base = cell(1, "minilm", "fp32", "1", "1", "none", 20);

        assertThat(Baseline.speedup(base, List.of(base))).hasValueSatisfying(s -> {
            assertThat(s.p50()).isEqualTo(1.0);
            assertThat(s.throughput()).isEqualTo(1.0);
        });
    }

    @Test
    void cellsWithNonDefaultOptionsUnmeasuredCellsAndOtherModelsAreNoBaseline() {
        Cell tuned = cell(1, "minilm", "fp32", "1", "1", "opt:none", 20);
        Cell failed = TestCells.unmeasured(2, params("model", "minilm", "precision", "fp32", "batch", "1"),
                CellStatus.FAILED, "died");
        Cell otherModel = cell(3, "resnet", "fp32", "1", "1", "none", 5);
        Cell cell = cell(4, "minilm", "int8", "1", "1", "none", 10);

        assertThat(Baseline.of(cell, List.of(tuned, failed, otherModel, cell))).isEmpty();
        assertThat(Baseline.speedup(cell, List.of(tuned, failed, otherModel, cell))).isEmpty();
    }

    @Test
    void missingParametersCountAsTheirDefaults() {
        Cell base = TestCells.measured(1, params("model", "minilm"),
                TestCells.sampleTime(2000, 10, 10, 10, 10));
        Cell batched = TestCells.measured(2, params("model", "minilm", "batch", "4"),
                TestCells.sampleTime(2000, 20, 20, 20, 20));

        assertThat(Baseline.of(batched, List.of(base, batched))).contains(base);
    }

    @Test
    void p50SpeedupNeedsBothP50sUnderTheTailRule() {
        Cell base = cell(1, "minilm", "fp32", "1", "1", "none", 20);
        Cell few = TestCells.measured(2, params("model", "minilm", "precision", "int8", "batch", "1",
                "threads", "1", "options", "none"), TestCells.sampleTime(19, 10, 10, 10, 10));

        assertThat(Baseline.speedup(few, List.of(base, few))).hasValueSatisfying(s -> {
            assertThat(s.p50()).isNull();
            assertThat(s.throughput()).isCloseTo(2.0, within(1e-9));
        });
    }
}
