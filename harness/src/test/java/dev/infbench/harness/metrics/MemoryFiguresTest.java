package dev.infbench.harness.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infbench.format.ForkMetrics;
import dev.infbench.harness.TestCells;
import dev.infbench.harness.jmh.JmhForks;
import dev.infbench.harness.pick.BestPicks;
import dev.infbench.harness.report.csv.ResultsCsv;
import dev.infbench.harness.report.table.SummaryTable;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fork profiler's figures (peak memory, cold start), from a fork's JMH result to the tables, the CSV and the memory
 * pick.
 */
class MemoryFiguresTest {

    /** One fork's SampleTime result at {@code ms}, with the profiler's peaks per iteration. */
    private static JsonNode fork(double ms, double... rssPerIteration) {
        ObjectNode jmh = (ObjectNode) TestCells.rounds(30, new double[] {ms, ms});
        ObjectNode secondary = jmh.putObject("secondaryMetrics");
        for (String name : List.of(ForkMetrics.PEAK_RSS_MIB, ForkMetrics.HEAP_PEAK_MIB)) {
            ObjectNode metric = secondary.putObject(name);
            metric.put("score", rssPerIteration[rssPerIteration.length - 1]);
            metric.put("scoreUnit", "MiB");
            ArrayNode iterations = metric.putArray("rawData").addArray();
            for (double v : rssPerIteration) {
                iterations.add(name.equals(ForkMetrics.HEAP_PEAK_MIB) ? v / 10 : v);
            }
        }
        return jmh;
    }

    @Test
    void forksMergeTheirPeaksByTheMaximumAsJmhAggregatesThem() {
        JsonNode merged = JmhForks.merge(List.of(fork(10, 700, 720), fork(10, 500, 510), fork(10, 520, 515)));

        assertThat(merged.path("secondaryMetrics").path(ForkMetrics.PEAK_RSS_MIB).path("score").asDouble())
                .isEqualTo(720);
        // The cell's figure leaves out the first fork, which also ran the accuracy gate's reference session.
        CellMetrics m = CellMetrics.fromJmh(merged, 1);
        assertThat(m.peakRssMib()).isEqualTo(520);
        assertThat(m.heapPeakMib()).isEqualTo(52);
        assertThat(CellMetrics.fromJmh(fork(10, 700, 720), 1).peakRssMib()).as("one fork: its own").isEqualTo(720);
        assertThat(CellMetrics.fromJmh(TestCells.rounds(30, new double[] {10}), 1).peakRssMib()).isNull();
    }

    @Test
    void theTableAndTheCsvShowThePeakOfEachCell() throws Exception {
        List<Cell> cells = List.of(
                TestCells.measured(1, TestCells.params("batch", "1"), fork(10, 480, 500)),
                TestCells.measured(2, TestCells.params("batch", "64"), fork(600, 1900, 2100)));

        String table = SummaryTable.render(cells);
        StringWriter csv = new StringWriter();
        ResultsCsv.write(cells, csv);

        assertThat(table).contains("peak RSS MiB").contains(" 500\n").contains(" 2100\n")
                .contains("peak RSS MiB: the fork's peak resident memory while measuring");
        assertThat(csv.toString().lines().findFirst().orElseThrow())
                .endsWith("peak_rss_mib,heap_peak_mib,load_ms,first_call_ms,peak_share,peak_kind,"
                        + String.join(",", ResultsCsv.LOAD_COLUMNS));
        assertThat(csv.toString().lines().skip(2).findFirst().orElseThrow()).endsWith(",2100,210,,,," + ",".repeat(ResultsCsv.LOAD_COLUMNS.size()));
        assertThat(SummaryTable.render(List.of(TestCells.measured(1, TestCells.params("batch", "1"),
                TestCells.rounds(30, new double[] {10}))))).doesNotContain("peak RSS");
    }

    @Test
    void theMemoryPickIsTheHighestThroughputWithinTheCapAndNamesTheCellsOverIt() {
        List<Cell> cells = List.of(
                TestCells.measured(1, TestCells.params("model", "m", "batch", "1"), fork(10, 480, 500)),
                TestCells.measured(2, TestCells.params("model", "m", "batch", "8"), fork(40, 900, 950)),
                TestCells.measured(3, TestCells.params("model", "m", "batch", "64"), fork(280, 1900, 2100)));

        BestPicks.Pick memory = BestPicks.of(cells, "k", 50, 1024L * 1024 * 1024).models().get(0).picks()
                .stream().filter(p -> p.kind() == BestPicks.Kind.MEMORY).findFirst().orElseThrow();
        // Batch 64 has the most samples/s (228) but a 2100 MiB peak; batch 8 (200 samples/s) fits in 1024 MiB.
        assertThat(memory.winner().index()).isEqualTo(2);
        assertThat(memory.notes()).anySatisfy(n -> assertThat(n).contains("over the memory cap of 1024 MiB")
                .contains("#3"));

        BestPicks.Pick none = BestPicks.of(cells, "k", 50, 100L * 1024 * 1024).models().get(0).picks().stream()
                .filter(p -> p.kind() == BestPicks.Kind.MEMORY).findFirst().orElseThrow();
        assertThat(none.winner()).isNull();
        assertThat(none.notes()).contains("no OK cell is within the memory cap");
    }

    /** One fork's SampleTime result at {@code ms} with its cold start repeated after each of 2 iterations. */
    private static JsonNode coldFork(double ms, double loadMs, double firstCallMs) {
        ObjectNode jmh = (ObjectNode) TestCells.rounds(30, new double[] {ms, ms});
        ObjectNode secondary = jmh.putObject("secondaryMetrics");
        secondary.putObject(ForkMetrics.LOAD_MS).putArray("rawData").addArray().add(loadMs).add(loadMs);
        secondary.putObject(ForkMetrics.FIRST_CALL_MS).putArray("rawData").addArray().add(firstCallMs)
                .add(firstCallMs);
        return jmh;
    }

    @Test
    void coldStartIsTheMedianOverForksShownApartFromSteadyState() throws Exception {
        JsonNode merged = JmhForks.merge(List.of(coldFork(10, 900, 60), coldFork(10, 700, 40),
                coldFork(10, 650, 45)));
        Cell cell = TestCells.measured(1, TestCells.params("batch", "1"), merged);

        CellMetrics m = cell.metrics().orElseThrow();
        assertThat(m.loadMs()).isEqualTo(700);
        assertThat(m.firstCallMs()).isEqualTo(45);
        String table = SummaryTable.render(List.of(cell));
        assertThat(table).contains("load ms", "1st call ms", "cold start in a fresh fork JVM");
        StringWriter csv = new StringWriter();
        ResultsCsv.write(List.of(cell), csv);
        assertThat(csv.toString().lines().skip(1).findFirst().orElseThrow()).endsWith(",700,45,," + ",".repeat(ResultsCsv.LOAD_COLUMNS.size()));
        assertThat(SummaryTable.render(List.of(TestCells.measured(1, TestCells.params("batch", "1"),
                TestCells.rounds(30, new double[] {10}))))).doesNotContain("load ms");
    }
}
