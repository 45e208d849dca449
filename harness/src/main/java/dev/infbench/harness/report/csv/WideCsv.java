package dev.infbench.harness.report.csv;

import dev.infbench.harness.HarnessException;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.metrics.CellMetrics;
import dev.infbench.harness.metrics.CellParams;
import dev.infbench.harness.report.text.DecimalText;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a run as {@code results-wide.csv}: one row per configuration (every parameter but {@code batch}), with the
 * batch sizes across the columns, for charting how latency and throughput scale with the batch.
 *
 * <p>Columns: each parameter but {@code batch} (first-seen order), then {@code p50_ms@batch=N} for every batch N of
 * the run in ascending order, then {@code throughput_per_s@batch=N} likewise. Rows follow the lowest index of their
 * configuration. A cell that was not measured, or whose p50 fails the {@linkplain CellMetrics tail rule}, is empty:
 * {@link ResultsCsv} says why. A cell without a {@code batch} parameter counts as batch 1.
 *
 * <p>Numbers, quoting and formula neutralisation are those of {@link ResultsCsv}: {@code .} as decimal point and 15
 * significant digits in every locale, RFC 4180 with CRLF line ends.
 */
public final class WideCsv {


    private static final String BATCH = "batch";

    private WideCsv() {
    }

    /**
     * Writes {@code cells} to {@code file} as UTF-8, replacing it.
     *
     * @throws HarnessException if the file cannot be written, a JMH result cannot be read, or two cells have the
     *                          same configuration and batch
     */
    public static void write(List<Cell> cells, Path file) {
        CsvFiles.write(file, out -> write(cells, out));
    }

    /** Writes {@code cells} to {@code out} and flushes it; {@code out} stays open. */
    public static void write(List<Cell> cells, Writer out) throws IOException {
        List<Cell> sorted = cells.stream().sorted(Comparator.comparingInt(Cell::index)).toList();
        List<String> params = CellParams.names(sorted).stream().filter(name -> !name.equals(BATCH)).toList();
        TreeSet<String> batches = new TreeSet<>(WideCsv::compareBatches);
        // configuration (parameter values but batch) -> batch -> cell
        Map<List<String>, Map<String, Cell>> rows = new LinkedHashMap<>();
        for (Cell cell : sorted) {
            List<String> configuration = params.stream().map(name -> CellParams.params(cell).get(name)).toList();
            String batch = batchOf(cell);
            batches.add(batch);
            Cell clash = rows.computeIfAbsent(configuration, key -> new LinkedHashMap<>()).put(batch, cell);
            if (clash != null) {
                throw new HarnessException("cells " + clash.index() + " and " + cell.index()
                        + " have the same configuration and batch (" + cell.key() + ")");
            }
        }

        List<String> header = new ArrayList<>(params);
        batches.forEach(batch -> header.add("p50_ms@batch=" + batch));
        batches.forEach(batch -> header.add("throughput_per_s@batch=" + batch));
        CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180);
        printer.printRecord(header);
        for (Map.Entry<List<String>, Map<String, Cell>> row : rows.entrySet()) {
            List<String> record = new ArrayList<>();
            row.getKey().forEach(value -> record.add(ResultsCsv.text(value)));
            batches.forEach(batch -> record.add(metric(row.getValue().get(batch), CellMetrics::p50Ms)));
            batches.forEach(batch -> record.add(metric(row.getValue().get(batch), CellMetrics::throughputPerS)));
            printer.printRecord(record);
        }
        printer.flush();
    }

    private static String metric(Cell cell, Function<CellMetrics, Double> metric) {
        if (cell == null || !cell.status().measured()) {
            return "";
        }
        return cell.metrics().map(metric).filter(Double::isFinite).map(DecimalText::exact).orElse("");
    }

    private static String batchOf(Cell cell) {
        String batch = CellParams.params(cell).get(BATCH);
        return batch == null ? "1" : batch.strip();
    }

    /** Whole numbers numerically, then anything else in text order. */
    private static int compareBatches(String a, String b) {
        Optional<BigInteger> x = integer(a);
        Optional<BigInteger> y = integer(b);
        if (x.isPresent() && y.isPresent()) {
            int byValue = x.get().compareTo(y.get());
            return byValue != 0 ? byValue : a.compareTo(b);
        }
        if (x.isPresent() != y.isPresent()) {
            return x.isPresent() ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static Optional<BigInteger> integer(String text) {
        try {
            return Optional.of(new BigInteger(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
