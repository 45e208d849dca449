package dev.infbench.harness.report.table;

import static dev.infbench.harness.TestCells.params;
import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.format.CellStatus;
import dev.infbench.harness.GoldenFile;
import dev.infbench.harness.SweepFixture;
import dev.infbench.harness.TestCells;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.metrics.CellFlops;
import dev.infbench.harness.report.csv.ResultsCsv;
import dev.infbench.harness.report.text.DecimalText;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SummaryTableTest {

    @ParameterizedTest(name = "default locale {0}")
    @MethodSource("dev.infbench.harness.GoldenFile#locales")
    void matchesTheGoldenFileInEveryLocale(Locale locale) {
        String table = GoldenFile.underLocale(locale, () -> SummaryTable.render(SweepFixture.cells()));

        assertThat(table).isEqualTo(GoldenFile.read("summary.txt", table));
    }

    @Test
    void fixedParametersArePrintedOnceAndVaryingOnesBecomeColumns() {
        List<Cell> cells = List.of(
                TestCells.measured(1, params("model", "minilm", "backend", "onnxruntime", "batch", "1"),
                        TestCells.sampleTime(2000, 5.1, 5.0, 5.5, 7.0)),
                TestCells.measured(2, params("model", "minilm", "backend", "onnxruntime", "batch", "32"),
                        TestCells.sampleTime(2000, 60.2, 60.0, 63.1, 70.4)));

        List<String> lines = SummaryTable.render(cells).lines().toList();

        assertThat(lines.get(0)).isEqualTo("fixed: model=minilm backend=onnxruntime");
        assertThat(lines.get(1)).startsWith("#  batch  status").doesNotContain("model", "backend");
        assertThat(lines.get(2)).startsWith("1      1  OK");
        assertThat(lines.get(3)).startsWith("2     32  OK");
        assertThat(String.join("\n", lines)).containsOnlyOnce("minilm");
    }

    @Test
    void aCellWithAnOperationCountShowsItsGflopsPerSecond() {
        Cell plain = TestCells.measured(1, params("batch", "1"), TestCells.sampleTime(2000, 5.1, 5.0, 5.5, 7.0));
        com.fasterxml.jackson.databind.node.ObjectNode effective = dev.infbench.format.Json.MAPPER.createObjectNode();
        effective.put("flops_per_sample", 2_868_903_936L);
        Cell counted = Cell.of(plain.entry().withEffective(effective));
        double throughput = counted.metrics().orElseThrow().throughputPerS();

        String table = SummaryTable.render(List.of(counted));

        assertThat(CellFlops.gflopsPerS(counted)).hasValueSatisfying(g -> assertThat(g)
                .isCloseTo(2.868903936 * throughput, org.assertj.core.data.Offset.offset(1e-9)));
        assertThat(table).contains("GFLOP/s").contains(DecimalText.significant(2.868903936 * throughput, 3))
                .contains("multiply-add = 2");
        assertThat(SummaryTable.render(List.of(plain))).doesNotContain("GFLOP/s");
        assertThat(ResultsCsv.header(List.of(counted))).containsSubsequence("flops_per_sample", "gflops_per_s");
    }

    @Test
    void cellsWithTooFewSamplesForAMedianAreNamedWithWhatToDo() {
        List<Cell> cells = List.of(
                TestCells.measured(1, params("batch", "1"), TestCells.sampleTime(2000, 5.1, 5.0, 5.5, 7.0)),
                TestCells.measured(2, params("batch", "64"), TestCells.sampleTime(8, 2500, 2400, 2700, 2900)));

        String table = SummaryTable.render(cells);

        assertThat(table).contains("too few samples for even a median in cell 2 (fewer than 20 calls")
                .contains("-r 10s");
        assertThat(SummaryTable.render(cells.subList(0, 1))).doesNotContain("too few samples for even a median");
    }

    @Test
    void p99WithFewerThanAThousandSamplesIsNotAvailable() {
        List<Cell> cells = List.of(TestCells.measured(1, params("batch", "1"),
                TestCells.sampleTime(999, 5.1, 5.0, 5.5, 7.0)));

        String table = SummaryTable.render(cells);

        assertThat(table.lines().toList().get(2))
                .isEqualTo("1  OK        5.00    5.50     n/a        196  999");
        assertThat(table).contains("p99 n >= 1000");
    }

    @Test
    void nonFiniteJmhValuesAreMarkedApartFromTheTailRule() {
        List<Cell> cells = List.of(TestCells.measured(1, params("batch", "2"),
                TestCells.jmhFixture("non-finite.json")));

        List<String> lines = SummaryTable.render(cells).lines().toList();

        // 120 samples: p50 and p90 pass the tail rule but JMH gave NaN and +INF; p99 fails the rule.
        assertThat(lines.get(2)).isEqualTo("1  OK           ?       ?     n/a             120");
        assertThat(lines).contains("?: JMH reported no finite value");
    }

    @Test
    void rowsAreInIndexOrderAndReasonsBecomeFootnotes() {
        List<Cell> cells = List.of(
                TestCells.unmeasured(2, params("batch", "64"), CellStatus.FAILED, "out of memory"),
                TestCells.unmeasured(1, params("batch", "32"), CellStatus.PRUNED, "exceeds max_batch"));

        List<String> lines = SummaryTable.render(cells).lines().toList();

        assertThat(lines).startsWith(
                "#  batch  status      p50 ms  p90 ms  p99 ms  samples/s  n",
                "1     32  PRUNED [1]",
                "2     64  FAILED [2]",
                "[1] exceeds max_batch",
                "[2] out of memory");
    }

    @Test
    void noCellsSaysSo() {
        assertThat(SummaryTable.render(List.of())).isEqualTo("no cells\n");
    }

    @Test
    void cellsMeasuredInRoundsShowTheMedianOverRoundsWithItsInterval() {
        Cell rounds = TestCells.measured(1, params("batch", "1"), TestCells.rounds(30,
                new double[] {10.0, 10.0}, new double[] {11.0, 11.0}, new double[] {10.4, 10.4}));
        Cell single = TestCells.measured(2, params("batch", "8"), TestCells.rounds(30, new double[] {80.0, 80.0}));

        SummaryTable.Layout layout = SummaryTable.layout(List.of(rounds, single));
        String table = SummaryTable.render(List.of(rounds, single));

        List<String> headers = layout.columns().stream().map(SummaryTable.Column::header).toList();
        assertThat(headers).contains("rounds", SummaryTable.ROUNDS_P50, SummaryTable.ROUNDS_THROUGHPUT);
        String p50 = cellText(layout, SummaryTable.ROUNDS_P50, 0);
        // Median of 10.0, 10.4, 11.0 with a t interval on 3 logarithms (t = 4.30): wide, as three rounds are.
        assertThat(p50).startsWith("10.4 (").endsWith(")");
        double low = Double.parseDouble(p50.substring(p50.indexOf('(') + 1, p50.indexOf('-')));
        double high = Double.parseDouble(p50.substring(p50.indexOf('-') + 1, p50.indexOf(')')));
        assertThat(low).isLessThan(10.0).isGreaterThan(9.0);
        assertThat(high).isGreaterThan(11.0).isLessThan(12.0);
        assertThat(cellText(layout, SummaryTable.ROUNDS_P50, 1)).isEqualTo("80.0");
        assertThat(cellText(layout, "rounds", 0)).isEqualTo("3");
        assertThat(table).contains(SummaryTable.ROUNDS_FOOTER);

        assertThat(SummaryTable.render(List.of(single))).doesNotContain(SummaryTable.ROUNDS_P50);
    }

    @Test
    void aForkWhoseLevelShiftedPartWayIsMarkedAndNamed() {
        Cell shifted = TestCells.measured(4, params("batch", "1"), TestCells.rounds(30,
                new double[] {41, 45, 43, 44}, new double[] {43, 43, 126, 144}));
        Cell still = TestCells.measured(5, params("batch", "8"), TestCells.rounds(30,
                new double[] {41, 45, 43, 44}, new double[] {43, 43, 42, 44}));

        SummaryTable.Layout layout = SummaryTable.layout(List.of(shifted, still));

        assertThat(cellText(layout, "status", 0)).isEqualTo("OK~" + SummaryTable.SHIFTED);
        assertThat(cellText(layout, "status", 1)).isEqualTo("OK");
        assertThat(layout.notes()).anySatisfy(note -> assertThat(note).startsWith(SummaryTable.SHIFTED + ": ")
                .contains("#4 fork 2: ×3.14 after iteration 2").doesNotContain("#5"));
        assertThat(ResultsCsv.header(List.of(shifted))).contains("level_shift");
    }

    private static String cellText(SummaryTable.Layout layout, String header, int row) {
        return layout.columns().stream().filter(c -> c.header().equals(header)).findFirst().orElseThrow()
                .cell(row).strip();
    }
}
