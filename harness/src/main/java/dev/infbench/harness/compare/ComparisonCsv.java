package dev.infbench.harness.compare;

import dev.infbench.harness.report.csv.CsvFiles;
import dev.infbench.harness.report.text.DecimalText;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A {@link RunComparison} as CSV: one row per matched cell, then one per cell measured in only one run (verdict
 * {@code BASELINE_ONLY} or {@code CANDIDATE_ONLY}). Numbers use {@code .} whatever the locale; an empty cell means
 * the figure is not available.
 */
public final class ComparisonCsv {

    /** Columns after the parameter columns. */
    public static final List<String> COLUMNS = List.of("baseline_status", "candidate_status", "baseline_p50_ms",
            "candidate_p50_ms", "p50_ratio", "p99_ratio", "throughput_ratio", "p_value", "fork_median_ratio",
            "verdict", "fork_ratio_low", "fork_ratio_high", "machine_slowdown", "normalized_p50_ratio");

    private ComparisonCsv() {
    }

    /** Writes the CSV to {@code file}, replacing it. */
    public static void write(RunComparison comparison, Path file) {
        CsvFiles.write(file, out -> write(comparison, out));
    }

    /** Writes the CSV to {@code writer}, lines ending in CRLF as RFC 4180 has it. */
    public static void write(RunComparison comparison, Writer writer) throws IOException {
        List<Map<String, String>> all = new ArrayList<>();
        comparison.cells().forEach(cell -> all.add(cell.params()));
        comparison.onlyInBaseline().forEach(cell -> all.add(cell.params()));
        comparison.onlyInCandidate().forEach(cell -> all.add(cell.params()));
        List<String> names = ComparisonReport.names(all);
        List<String> header = new ArrayList<>(names);
        header.addAll(COLUMNS);
        CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180);
        csv.printRecord(header);
        for (CellComparison cell : comparison.cells()) {
            List<String> row = params(names, cell.params());
            row.add(cell.baselineStatus().name());
            row.add(cell.candidateStatus().name());
            row.add(number(cell.baselineP50Ms()));
            row.add(number(cell.candidateP50Ms()));
            row.add(number(cell.p50Ratio()));
            row.add(number(cell.p99Ratio()));
            row.add(number(cell.throughputRatio()));
            row.add(cell.pValue() == null ? "" : DecimalText.exactPValue(cell.pValue()));
            row.add(number(cell.forkMedianRatio()));
            row.add(cell.verdict().name());
            row.add(cell.forkInterval() == null ? "" : number(cell.forkInterval().low()));
            row.add(cell.forkInterval() == null ? "" : number(cell.forkInterval().high()));
            row.add(number(cell.machineSlowdown()));
            row.add(number(cell.normalizedRatio()));
            csv.printRecord(row);
        }
        unmatched(csv, names, comparison.onlyInBaseline(), true);
        unmatched(csv, names, comparison.onlyInCandidate(), false);
        csv.flush();
    }

    private static void unmatched(CSVPrinter csv, List<String> names, List<RunComparison.Unmatched> cells,
            boolean inBaseline) throws IOException {
        for (RunComparison.Unmatched cell : cells) {
            List<String> row = params(names, cell.params());
            String other = cell.statusInOther() == null ? "" : cell.statusInOther().name();
            row.add(inBaseline ? cell.status().name() : other);
            row.add(inBaseline ? other : cell.status().name());
            for (int i = 0; i < 7; i++) {
                row.add("");
            }
            row.add(inBaseline ? "BASELINE_ONLY" : "CANDIDATE_ONLY");
            for (int i = 0; i < 4; i++) {
                row.add("");
            }
            csv.printRecord(row);
        }
    }

    private static List<String> params(List<String> names, Map<String, String> params) {
        List<String> row = new ArrayList<>();
        names.forEach(name -> row.add(DecimalText.csvText(params.getOrDefault(name, ""))));
        return row;
    }

    private static String number(Double value) {
        return value == null ? "" : DecimalText.exact(value);
    }
}
