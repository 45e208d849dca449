package dev.infbench.harness.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.format.JournalReader;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class RunChartsTest {
    private static final Path REFERENCE = Path.of("..", "results", "reference");

    @Test
    void theReferenceRunGetsItsBatchThreadsAndParetoChartsAsPngImages() throws Exception {
        var cells = JournalReader.readRun(REFERENCE).latest();
        List<RunCharts.Chart> charts = RunCharts.render(cells);
        assertThat(charts).extracting(RunCharts.Chart::name).containsExactly(
                "latency-vs-batch", "throughput-vs-batch", "throughput-vs-threads", "pareto");
        for (RunCharts.Chart c : charts) {
            var image = ImageIO.read(new ByteArrayInputStream(c.png()));
            assertThat(image.getWidth()).as(c.name()).isEqualTo(800);
            assertThat(image.getHeight()).as(c.name()).isEqualTo(500);
        }
    }

    @Test
    void theParetoFrontHoldsOnlyCellsNoOtherCellBeatsOnBothAxes() throws Exception {
        var cells = JournalReader.readRun(REFERENCE).latest();
        var front = RunCharts.paretoCells(cells);
        assertThat(front).isNotEmpty();
        for (var f : front) {
            var fm = dev.infbench.harness.metrics.CellMetrics.of(f).orElseThrow();
            for (var o : cells) {
                var om = dev.infbench.harness.metrics.CellMetrics.of(o);
                if (om.isEmpty() || o == f) {
                    continue;
                }
                boolean dominates = om.get().p50Ms() < fm.p50Ms() && om.get().throughputPerS() > fm.throughputPerS();
                assertThat(dominates).as(o.key() + " dominates " + f.key()).isFalse();
            }
        }
    }
}
