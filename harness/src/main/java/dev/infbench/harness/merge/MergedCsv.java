package dev.infbench.harness.merge;

import dev.infbench.harness.report.csv.CsvFiles;
import dev.infbench.harness.report.text.DecimalText;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The rows of a {@link MergedRuns} as CSV: {@code run, host, cpu_model, gpu_models, hardware_key}, one column per
 * parameter (union over all runs, in the order first seen), then {@code status, p50_ms, p99_ms, throughput_per_s, max_rate_per_s} (the last: a server cell's highest rate within
 * the SLA, when it searched for one and found it).
 * GPU models are joined by {@code "; "}; numbers use {@code .} whatever the locale; empty means not available.
 */
public final class MergedCsv {

    /** Default file name, in the working directory. */
    public static final String FILE_NAME = "merged.csv";

    private MergedCsv() {
    }

    /** Writes the CSV to {@code file}, replacing it. */
    public static void write(MergedRuns merged, Path file) {
        CsvFiles.write(file, out -> write(merged, out));
    }

    /** Writes the CSV to {@code writer}, lines ending in CRLF as RFC 4180 has it. */
    public static void write(MergedRuns merged, Writer writer) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        merged.rows().forEach(row -> names.addAll(row.params().keySet()));
        List<String> header = new ArrayList<>(List.of("run", "host", "cpu_model", "gpu_models", "hardware_key"));
        header.addAll(names);
        header.addAll(List.of("status", "p50_ms", "p99_ms", "throughput_per_s", "max_rate_per_s"));
        CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180);
        csv.printRecord(header);
        for (MergedRow row : merged.rows()) {
            List<String> cells = new ArrayList<>();
            cells.add(text(row.run()));
            cells.add(text(row.env().host()));
            cells.add(text(row.env().cpuModel()));
            cells.add(text(String.join("; ", row.env().gpuModels())));
            cells.add(text(row.env().hardwareKey()));
            // A parameter added since a run was recorded is its default in that run's rows (Params.ADDED).
            names.forEach(name -> cells.add(text(row.params().getOrDefault(name,
                    dev.infbench.format.Params.ADDED.get(name)))));
            cells.add(row.status().name());
            cells.add(number(row.p50Ms()));
            cells.add(number(row.p99Ms()));
            cells.add(number(row.throughputPerS()));
            cells.add(number(row.maxRatePerS()));
            csv.printRecord(cells);
        }
        csv.flush();
    }

    private static String text(String value) {
        return value == null ? "" : DecimalText.csvText(value);
    }

    private static String number(Double value) {
        return value == null ? "" : DecimalText.exact(value);
    }
}
