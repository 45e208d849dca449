package dev.infbench.harness.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.harness.TestCells;
import dev.infbench.harness.metrics.Cell;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class RunChartsTest {

    @Test
    void aSweepGetsItsBatchThreadsAndParetoChartsAsPngImages() throws Exception {
        var cells = grid();
        List<RunCharts.Chart> charts = RunCharts.render(cells);
        assertThat(charts).extracting(RunCharts.Chart::name).containsExactly(
                "latency-vs-batch", "throughput-vs-batch", "throughput-vs-threads", "pareto");
        for (RunCharts.Chart c : charts) {
            var image = ImageIO.read(new ByteArrayInputStream(c.png()));
            assertThat(image.getWidth()).as(c.name()).isEqualTo(800);
            assertThat(image.getHeight()).as(c.name()).isEqualTo(500);
        }
    }

    /** Batch 1, 8 and 64 by 1 and 2 threads, every cell measured: each chart has lines to draw. */
    private static List<Cell> grid() {
        List<Cell> cells = new java.util.ArrayList<>();
        for (int batch : new int[] {1, 8, 64}) {
            for (int threads : new int[] {1, 2}) {
                double ms = batch * (threads == 1 ? 10.0 : 6.0) / Math.sqrt(batch);
                cells.add(TestCells.measured(cells.size() + 1, TestCells.params("model", "m", "batch",
                        String.valueOf(batch), "threads", String.valueOf(threads)),
                        TestCells.sampleTime(2000, ms, ms, ms * 1.1, ms * 1.3)));
            }
        }
        return cells;
    }

    @Test
    void theParetoFrontHoldsOnlyCellsNoOtherCellBeatsOnBothAxes() throws Exception {
        var cells = grid();
        var front = RunCharts.paretoCells(cells);
        assertThat(front).isNotEmpty();
        for (var f : front) {
            var fm = f.metrics().orElseThrow();
            for (var o : cells) {
                var om = o.metrics();
                if (om.isEmpty() || o == f) {
                    continue;
                }
                boolean dominates = om.get().p50Ms() < fm.p50Ms() && om.get().throughputPerS() > fm.throughputPerS();
                assertThat(dominates).as(o.key() + " dominates " + f.key()).isFalse();
            }
        }
    }

    @Test
    void theParetoFrontIsJudgedOnTheFiguresOverRounds() {
        // A: rounds at 10, 10 and 30 ms: median 10 ms and 100 samples/s over rounds, but a pooled mean of 16.7 ms
        // (60 samples/s) that one slow round made. B: 12 ms in every round, 83 samples/s. Pooled, both are on the
        // front; over rounds, A beats B on both axes.
        Cell a = TestCells.measured(1, TestCells.params("model", "m", "batch", "1"), TestCells.rounds(30,
                new double[] {10, 10}, new double[] {10, 10}, new double[] {30, 30}));
        Cell b = TestCells.measured(2, TestCells.params("model", "m", "batch", "2"), TestCells.rounds(30,
                new double[] {24, 24}, new double[] {24, 24}, new double[] {24, 24}));

        assertThat(RunCharts.paretoCells(List.of(a, b))).containsExactly(a);
        assertThat(RunCharts.render(List.of(a, b))).extracting(RunCharts.Chart::name)
                .containsExactly("latency-vs-batch", "throughput-vs-batch", "pareto");
    }
}
