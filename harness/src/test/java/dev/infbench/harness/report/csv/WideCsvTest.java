package dev.infbench.harness.report.csv;

import static dev.infbench.harness.TestCells.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infbench.format.CellStatus;
import dev.infbench.format.RunLayout;
import dev.infbench.harness.GoldenFile;
import dev.infbench.harness.HarnessException;
import dev.infbench.harness.SweepFixture;
import dev.infbench.harness.TestCells;
import dev.infbench.harness.metrics.Cell;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WideCsvTest {

    @ParameterizedTest(name = "default locale {0}")
    @MethodSource("dev.infbench.harness.GoldenFile#locales")
    void matchesTheGoldenFileInEveryLocale(Locale locale) {
        String csv = GoldenFile.underLocale(locale, () -> csv(SweepFixture.cells()));

        assertThat(csv).isEqualTo(GoldenFile.read(RunLayout.RESULTS_WIDE_CSV, csv));
    }

    @Test
    void oneRowPerConfigurationWithBatchesAscendingAcrossTheColumns() throws IOException {
        try (CSVParser parser = parser(csv(SweepFixture.cells()))) {
            assertThat(parser.getHeaderNames()).containsExactly("model", "backend", "target", "precision", "threads",
                    "p50_ms@batch=1", "p50_ms@batch=4", "p50_ms@batch=8", "p50_ms@batch=16", "p50_ms@batch=32",
                    "throughput_per_s@batch=1", "throughput_per_s@batch=4", "throughput_per_s@batch=8",
                    "throughput_per_s@batch=16", "throughput_per_s@batch=32");
            List<CSVRecord> rows = parser.getRecords();

            assertThat(rows).extracting(row -> row.get("precision") + "/" + row.get("threads"))
                    .containsExactly("fp32/1", "int8/4", "fp16/4");
            CSVRecord fp32 = rows.get(0);
            assertThat(fp32.get("p50_ms@batch=1")).isEqualTo("10.4");
            assertThat(fp32.get("p50_ms@batch=4")).isEqualTo("19.661");
            assertThat(fp32.get("p50_ms@batch=8")).isEqualTo("40.9");
            assertThat(fp32.get("p50_ms@batch=16")).as("pruned").isEmpty();
            assertThat(Double.parseDouble(fp32.get("throughput_per_s@batch=4"))).isEqualTo(199.890045616881);
            assertThat(rows.get(1).get("p50_ms@batch=8")).as("thrpt mode has no latency").isEmpty();
            assertThat(rows.get(1).get("throughput_per_s@batch=8")).isEqualTo("1498.4");
        }
    }

    @Test
    void twoCellsWithTheSameConfigurationAndBatchAreAnError() {
        List<Cell> cells = List.of(
                TestCells.unmeasured(1, params("model", "a", "batch", "1"), CellStatus.PRUNED, "x"),
                TestCells.unmeasured(2, params("model", "a"), CellStatus.PRUNED, "y"));

        assertThatThrownBy(() -> csv(cells)).isInstanceOf(HarnessException.class)
                .hasMessage("cells 1 and 2 have the same configuration and batch (model=a)");
    }

    @Test
    void textThatASpreadsheetWouldEvaluateGetsAQuotePrefix() throws IOException {
        List<Cell> cells = List.of(
                TestCells.unmeasured(1, params("model", "=cmd()", "batch", "1"), CellStatus.PRUNED, "x"));

        try (CSVParser parser = parser(csv(cells))) {
            assertThat(parser.getRecords().get(0).get("model")).isEqualTo("'=cmd()");
        }
    }

    @Test
    void writesAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(RunLayout.RESULTS_WIDE_CSV);

        WideCsv.write(SweepFixture.cells(), file);

        assertThat(Files.readString(file)).isEqualTo(GoldenFile.read(RunLayout.RESULTS_WIDE_CSV));
    }

    private static CSVParser parser(String csv) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv));
    }

    private static String csv(List<Cell> cells) {
        StringWriter out = new StringWriter();
        try {
            WideCsv.write(cells, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
