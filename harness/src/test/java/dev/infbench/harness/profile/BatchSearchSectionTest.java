package dev.infbench.harness.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infbench.format.CellStatus;
import dev.infbench.format.ForkMetrics;
import dev.infbench.format.RunManifest;
import dev.infbench.harness.TestCells;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.report.table.PlainTable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The batch-size search's answers: the largest batch within the budgets, and a knee only where the rounds show one. */
class BatchSearchSectionTest {
    private static final RunManifest.BatchSearch MEMORY = new RunManifest.BatchSearch(16, 700.0, null);

    /**
     * A cell of batch {@code batch} in threads config {@code threads}, one fork per round at {@code ms} × the round's
     * factor a call, with {@code rssMib} peak resident memory in every fork.
     */
    private static Cell cell(int index, int batch, String threads, double ms, double rssMib, double... factors) {
        double[][] forks = new double[factors.length][];
        for (int f = 0; f < factors.length; f++) {
            forks[f] = new double[] {ms * factors[f], ms * factors[f]};
        }
        ObjectNode jmh = (ObjectNode) TestCells.rounds(30, forks);
        ArrayNode rss = jmh.putObject("secondaryMetrics").putObject(ForkMetrics.PEAK_RSS_MIB).putArray("rawData");
        for (double ignored : factors) {
            rss.addArray().add(rssMib).add(rssMib);
        }
        Cell c = TestCells.measured(index, TestCells.params("model", "m", "batch", String.valueOf(batch), "threads",
                threads), jmh);
        List<Integer> rounds = IntStream.rangeClosed(1, factors.length).boxed().toList();
        return Cell.of(c.entry().ofForks(CellStatus.OK, null, "2025-11-24T14:00:12Z", 12.5, null, jmh, rounds, null));
    }

    /** Four rounds: with a memory budget the search ran rounds 1 and 2 in ascending order, so 3 and 4 judge. */
    private static final double[] STEADY = {1.0, 1.02, 0.98, 1.01};

    /** Batches 1..16 of one configuration: throughput ×1.6, ×1.25, ×1.0, then over the memory budget. */
    private static List<Cell> searched() {
        List<Cell> cells = new ArrayList<>();
        cells.add(cell(1, 1, "2", 10, 600, STEADY));
        cells.add(cell(2, 2, "2", 12.5, 610, STEADY)); // 160/s: ×1.6
        cells.add(cell(3, 4, "2", 20, 630, STEADY)); // 200/s: ×1.25
        cells.add(cell(4, 8, "2", 40, 660, STEADY)); // 200/s: ×1.00
        cells.add(cell(5, 16, "2", 80, 720, STEADY)); // over 700 MiB
        return cells;
    }

    private static String text(PlainTable t) {
        return t.markdown();
    }

    @Test
    void namesTheLargestBatchWithinTheBudgetAndTheKneeWhereOneMoreDoublingGainsNothing() {
        List<Cell> cells = searched();
        BatchSearchSection.Answer a = BatchSearchSection.answer("m", cells, MEMORY);
        assertThat(a.largestFitting()).isEqualTo(8);
        assertThat(a.limit()).startsWith("batch 16: over --max-memory (peak RSS 720 MiB)");
        assertThat(a.knee()).isEqualTo(4);
        assertThat(a.kneeWhy()).contains("batch 8 has ×1.00");
        String md = text(BatchSearchSection.of(cells, MEMORY).orElseThrow());
        assertThat(md).contains("the largest batch that fits is 8").contains("the knee is at batch 4")
                .contains("| over --max-memory (peak RSS 720 MiB) |");
    }

    @Test
    void aKneeNeedsAnIntervalBelowFivePercentNotJustAPointEstimate() {
        // Batch 8 over 4: ×1.00 at the point, but the rounds disagree (×0.8 to ×1.25): no knee is claimed.
        List<Cell> cells = new ArrayList<>(searched().subList(0, 3));
        cells.add(cell(4, 8, "2", 40, 660, 1.0, 1.02, 1.25, 0.8));
        BatchSearchSection.Answer a = BatchSearchSection.answer("m", cells, MEMORY);
        assertThat(a.knee()).isNull();
        assertThat(BatchSearchSection.sentence(a)).contains("the knee is unresolved")
                .contains("the rounds cannot tell");
        // Rounds 1 and 2 ran in ascending batch order: however steady, they never judge a knee; nor does one round.
        List<Cell> ordered = List.of(cell(1, 1, "2", 10, 600, 1.0, 1.0), cell(2, 2, "2", 20, 600, 1.0, 1.0));
        BatchSearchSection.Answer two = BatchSearchSection.answer("m", ordered, MEMORY);
        assertThat(two.knee()).isNull();
        assertThat(two.kneeWhy()).contains("no interval from rounds in shuffled order");
        // Without a memory budget only round 1 ran in order: rounds 2 and 3 judge.
        RunManifest.BatchSearch sla = new RunManifest.BatchSearch(16, null, 1000.0);
        List<Cell> three = List.of(cell(1, 1, "2", 10, 600, 1.0, 1.0, 1.02), cell(2, 2, "2", 20, 600, 1.0, 1.0,
                1.02));
        assertThat(BatchSearchSection.answer("m", three, sla).knee()).isEqualTo(1);
    }

    @Test
    void everyDoublingThatGainsPutsTheKneeBeyondTheLargestBatch() {
        List<Cell> cells = new ArrayList<>(searched().subList(0, 3));
        BatchSearchSection.Answer a = BatchSearchSection.answer("m", cells, MEMORY);
        assertThat(a.largestFitting()).isEqualTo(4);
        assertThat(a.knee()).isNull();
        assertThat(BatchSearchSection.sentence(a)).contains("the knee is beyond batch 4").doesNotContain("unresolved");
        // One batch within the budgets: no doubling to judge, and no claim about one.
        BatchSearchSection.Answer alone = BatchSearchSection.answer("m", List.of(searched().get(0),
                searched().get(4)), MEMORY);
        assertThat(alone.largestFitting()).isEqualTo(1);
        assertThat(BatchSearchSection.sentence(alone)).contains("no doubling within the budgets to judge a knee by")
                .doesNotContain("beyond");
    }

    @Test
    void prunedAndFailedBatchesStayRowsWithTheirReasonAndConfigurationsAreApart() {
        List<Cell> cells = new ArrayList<>(searched());
        String why = "the batch search stopped at batch 16 (cell #5): its peak resident memory 720 MiB is over"
                + " --max-memory 700 MiB in its first serving fork (round 2)";
        cells.add(TestCells.unmeasured(6, TestCells.params("model", "m", "batch", "32", "threads", "2"),
                CellStatus.PRUNED, why));
        cells.add(cell(7, 1, "1", 20, 600, STEADY));
        cells.add(TestCells.unmeasured(8, TestCells.params("model", "m", "batch", "2", "threads", "1"),
                CellStatus.FAILED, "OutOfMemoryError: Java heap space"));
        String md = text(BatchSearchSection.of(cells, MEMORY).orElseThrow());
        assertThat(md).contains("| threads=2 | 32 | PRUNED: " + why)
                .contains("| threads=1 | 2 | FAILED: OutOfMemoryError: Java heap space")
                .contains("threads=1: the largest batch that fits is 1 (batch 2: FAILED: OutOfMemoryError")
                .contains("threads=2: the largest batch that fits is 8");
    }

    @Test
    void theLatencyBudgetJudgesTheP99AndNoBudgetJudgesNothing() {
        RunManifest.BatchSearch sla = new RunManifest.BatchSearch(16, null, 30.0);
        BatchSearchSection.Answer a = BatchSearchSection.answer("m", searched(), sla);
        assertThat(a.largestFitting()).isEqualTo(4); // 40 ms at batch 8 is over 30 ms
        assertThat(a.limit()).startsWith("batch 8: over --sla-ms");
        // A batch that fits above one that does not is no "largest that fits": the smallest batches that all fit.
        List<Cell> gap = new ArrayList<>(searched());
        gap.set(1, cell(2, 2, "2", 12.5, 900, STEADY)); // batch 2 over 700 MiB, batches 4 and 8 within
        BatchSearchSection.Answer g = BatchSearchSection.answer("m", gap, MEMORY);
        assertThat(g.largestFitting()).isEqualTo(1);
        assertThat(g.limit()).startsWith("batch 2: over --max-memory");
        BatchSearchSection.Answer none = BatchSearchSection.answer("m", searched(),
                new RunManifest.BatchSearch(16, null, null));
        assertThat(none.largestFitting()).isEqualTo(16);
        assertThat(BatchSearchSection.of(searched(), null)).isEmpty();
    }
}
