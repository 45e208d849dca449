package dev.infbench.harness.report.csv;

import static dev.infbench.harness.TestCells.params;
import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.format.CellStatus;
import dev.infbench.format.RunLayout;
import dev.infbench.harness.GoldenFile;
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
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ResultsCsvTest {

    @ParameterizedTest(name = "default locale {0}")
    @MethodSource("dev.infbench.harness.GoldenFile#locales")
    void matchesTheGoldenFileInEveryLocale(Locale locale) {
        String csv = GoldenFile.underLocale(locale, () -> csv(SweepFixture.cells()));

        assertThat(csv).isEqualTo(GoldenFile.read(RunLayout.RESULTS_CSV, csv));
    }

    @Test
    void everyCellHasARowWhateverItsStatus() {
        List<CSVRecord> rows = parse(csv(SweepFixture.cells()));

        assertThat(rows).extracting(row -> row.get("status"))
                .containsExactly("OK", "OK", "INACCURATE", "PRUNED", "PRUNED", "FAILED", "OK");
    }

    @Test
    void columnsAreIndexKeyParamsInFirstSeenOrderThenMetricsWithUnits() {
        List<Cell> cells = List.of(
                TestCells.unmeasured(1, params("backend", "null", "batch", "1"), CellStatus.PRUNED, "x"),
                TestCells.unmeasured(2, params("backend", "onnxruntime", "layout", "nchw"), CellStatus.PRUNED, "y"));

        assertThat(String.join(",", ResultsCsv.header(cells))).isEqualTo("index,key,backend,batch,layout,status,reason,"
                + "mode,p50_ms,p90_ms,p99_ms,p999_ms,mean_ms,samples,forks,callers,throughput_per_s,ms_per_sample,"
                + "wall_s,accuracy_metric,accuracy_min_cosine,accuracy_max_abs_error,accuracy_top1_agreement,"
                + "accuracy_threshold,settings_mismatch,effective,speedup_p50,speedup_throughput,p50_ci_low_ms,"
                + "p50_ci_high_ms,p99_ci_low_ms,p99_ci_high_ms,cv,fork_spread,stable,flops_per_sample,gflops_per_s,"
                + "rounds_p50_ms,rounds_p50_low_ms,rounds_p50_high_ms,rounds_throughput_per_s,"
                + "rounds_throughput_low_per_s,rounds_throughput_high_per_s,level_shift,peak_rss_mib,heap_peak_mib,load_ms,"
                + "first_call_ms,peak_share,peak_kind,offered_per_s,served_per_s,queueing_ms,service_p99_ms,"
                + "mean_batch,stable_forks,max_rate_per_s,max_rate_forks,sla_ms");
    }

    @Test
    void textThatASpreadsheetWouldEvaluateGetsAQuotePrefix() {
        List<Cell> cells = List.of(
                TestCells.entry(1, params("offset", "-1"), CellStatus.FAILED, "=HYPERLINK(\"http://x\")", -0.5, null),
                TestCells.entry(2, params("offset", "+2"), CellStatus.FAILED, "-2+3", null, null),
                TestCells.entry(3, params("offset", "@home"), CellStatus.FAILED, "\tcmd", null, null));

        List<CSVRecord> rows = parse(csv(cells));

        assertThat(rows).extracting(row -> row.get("reason"))
                .containsExactly("'=HYPERLINK(\"http://x\")", "'-2+3", "'\tcmd");
        assertThat(rows).extracting(row -> row.get("offset")).as("numbers are not formulas")
                .containsExactly("-1", "+2", "'@home");
        assertThat(rows.get(0).get("wall_s")).as("numeric column").isEqualTo("-0.5");
    }

    @Test
    void unavailableValuesAreEmptyCells() {
        CSVRecord p99NotAvailable = parse(csv(SweepFixture.cells())).get(1);

        assertThat(p99NotAvailable.get("samples")).isEqualTo("500");
        assertThat(p99NotAvailable.get("p90_ms")).isEqualTo("44.7");
        assertThat(p99NotAvailable.get("p99_ms")).isEmpty();
    }

    @Test
    void writesAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(RunLayout.RESULTS_CSV);

        ResultsCsv.write(SweepFixture.cells(), file);

        assertThat(Files.readString(file)).isEqualTo(GoldenFile.read(RunLayout.RESULTS_CSV));
    }

    private static String csv(List<Cell> cells) {
        StringWriter out = new StringWriter();
        try {
            ResultsCsv.write(cells, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static List<CSVRecord> parse(String csv) {
        try {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(csv)).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
