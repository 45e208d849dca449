package dev.infbench.harness.report.table;

import static dev.infbench.harness.TestCells.params;
import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.format.CellStatus;
import dev.infbench.format.RunLayout;
import dev.infbench.harness.GoldenFile;
import dev.infbench.harness.SweepFixture;
import dev.infbench.harness.TestCells;
import dev.infbench.harness.metrics.Cell;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MarkdownTableTest {

    @ParameterizedTest(name = "default locale {0}")
    @MethodSource("dev.infbench.harness.GoldenFile#locales")
    void matchesTheGoldenFileInEveryLocale(Locale locale) {
        String markdown = GoldenFile.underLocale(locale, () -> MarkdownTable.render(SweepFixture.cells()));

        assertThat(markdown).isEqualTo(GoldenFile.read(RunLayout.SUMMARY_MD, markdown));
    }

    @Test
    void everyRowHasAsManyCellsAsTheHeader() {
        List<String> table = MarkdownTable.render(SweepFixture.cells()).lines()
                .filter(line -> line.startsWith("|")).toList();

        assertThat(table).hasSize(2 + SweepFixture.cells().size());
        assertThat(table).allSatisfy(line -> assertThat(unescapedPipes(line)).isEqualTo(unescapedPipes(table.get(0))));
    }

    @Test
    void pipesAndLineBreaksInTextCannotBreakTheTable() {
        List<Cell> cells = List.of(
                TestCells.unmeasured(1, params("shape", "a|b", "batch", "1"), CellStatus.FAILED, "x | y\nz"),
                TestCells.unmeasured(2, params("shape", "c\\|d", "batch", "2"), CellStatus.PRUNED, "w"));

        String markdown = MarkdownTable.render(cells);

        assertThat(markdown).contains("| 1 | a\\|b | 1 | FAILED [1] |", "| 2 | c\\\\\\|d | 2 | PRUNED [2] |",
                "- [1] x \\| y z");
    }

    @Test
    void numericColumnsAreRightAligned() {
        List<Cell> cells = List.of(TestCells.measured(1, params("backend", "onnxruntime", "batch", "1"),
                TestCells.sampleTime(2000, 5.1, 5.0, 5.5, 7.0)), TestCells.measured(2,
                params("backend", "null", "batch", "8"), TestCells.sampleTime(2000, 5.1, 5.0, 5.5, 7.0)));

        assertThat(MarkdownTable.render(cells).lines().toList()).contains(
                "| # | backend | batch | status | p50 ms | p90 ms | p99 ms | samples/s | n |",
                "|---:|---|---:|---|---:|---:|---:|---:|---:|");
    }

    @Test
    void noCellsSaysSo() {
        assertThat(MarkdownTable.render(List.of())).isEqualTo("No cells.\n");
    }

    private static long unescapedPipes(String line) {
        return line.replace("\\\\", "").replace("\\|", "").chars().filter(c -> c == '|').count();
    }
}
