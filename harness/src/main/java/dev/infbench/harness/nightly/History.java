package dev.infbench.harness.nightly;

import dev.infbench.format.AppendOnlyFiles;
import dev.infbench.harness.HarnessException;
import dev.infbench.harness.report.text.DecimalText;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A machine's history of nights: one CSV row per night, cell and figure (long format), appended night after night,
 * the shape spreadsheets and dashboards read. Numbers use {@code .}; an empty cell is a figure not available.
 *
 * <p>Columns: {@code night} (the run's start, ISO-8601), {@code run} (the run folder's name), {@code commit} (the
 * build's git commit), {@code key} (the cell's identity), {@code model}, {@code params} (every parameter,
 * {@code name=value} joined by spaces), {@code figure} ({@value #P50} or {@value #THROUGHPUT}), {@code value},
 * {@code low}, {@code high} (the figure over rounds and its 95% interval), {@code verdict} (against the machine's
 * baseline: {@code BASELINE} for the night that is it, else the comparison's verdict, or {@code FAILED}),
 * {@code alert} ({@code yes} for a change reported that night, {@code no} for a suspected one that the rerun or the
 * history did not confirm, empty otherwise), {@code trend_z} (the night's distance from the preceding nights in
 * their own noise, {@link TrendCheck}).
 */
public final class History {
    public static final String P50 = "p50_ms";
    public static final String THROUGHPUT = "throughput_per_s";
    public static final List<String> COLUMNS = List.of("night", "run", "commit", "key", "model", "params", "figure",
            "value", "low", "high", "verdict", "alert", "trend_z");

    /** One row. Null numbers are figures not available. */
    public record Row(String night, String run, String commit, String key, String model, String params, String figure,
            Double value, Double low, Double high, String verdict, String alert, Double trendZ) {
    }

    /** What a history file holds, and what was tolerated reading it (a torn last line). */
    public record Read(List<Row> rows, List<String> warnings) {
    }

    private History() {
    }

    /** Reads {@code file}; a missing file is an empty history. */
    public static Read read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Read(List.of(), List.of());
        } catch (CharacterCodingException e) {
            throw new HarnessException(file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new HarnessException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        List<String> warnings = new ArrayList<>();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            // A night killed while appending: its last row never counted.
            int cut = text.lastIndexOf('\n') + 1;
            long line = text.substring(0, cut).chars().filter(c -> c == '\n').count() + 1;
            warnings.add(file + " line " + line + ": dropped an incomplete last line (the night was interrupted"
                    + " while writing it)");
            text = text.substring(0, cut);
        }
        List<Row> rows = new ArrayList<>();
        if (text.isEmpty()) {
            return new Read(rows, warnings);
        }
        try (Reader in = new StringReader(text)) {
            var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in);
            if (!parser.getHeaderNames().equals(COLUMNS)) {
                throw new HarnessException(file + ": not a history file (its header is not "
                        + String.join(",", COLUMNS) + ")");
            }
            for (CSVRecord r : parser) {
                if (!r.isConsistent()) {
                    throw new HarnessException(file + " line " + (r.getRecordNumber() + 1) + ": " + r.size()
                            + " fields, the header has " + COLUMNS.size());
                }
                rows.add(new Row(r.get("night"), r.get("run"), r.get("commit"), r.get("key"), r.get("model"),
                        r.get("params"), r.get("figure"), number(file, r, "value"), number(file, r, "low"),
                        number(file, r, "high"), r.get("verdict"), r.get("alert"), number(file, r, "trend_z")));
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new HarnessException(file + ": not a history file (" + e.getMessage() + ")", e);
        }
        return new Read(rows, warnings);
    }

    /**
     * Appends {@code rows} to {@code file}, writing the header first when the file is new or empty. A torn last line
     * (a night killed while appending) is cut off first, so that the new rows start on a line of their own.
     */
    public static void append(Path file, List<Row> rows) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AppendOnlyFiles.dropIncompleteTail(file);
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
                 CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build())) {
                if (fresh) {
                    csv.printRecord(COLUMNS);
                }
                for (Row r : rows) {
                    csv.printRecord(r.night(), r.run(), r.commit(), r.key(), r.model(), r.params(), r.figure(),
                            text(r.value()), text(r.low()), text(r.high()), r.verdict(), r.alert(), text(r.trendZ()));
                }
            }
        } catch (IOException e) {
            throw new HarnessException(file + ": cannot append (" + e.getMessage() + ")", e);
        }
    }

    private static String text(Double value) {
        return value == null || !Double.isFinite(value) ? "" : DecimalText.exact(value);
    }

    private static Double number(Path file, CSVRecord r, String column) {
        String s = r.get(column);
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new HarnessException(file + " line " + (r.getRecordNumber() + 1) + ": " + column + " is not a"
                    + " number: " + s);
        }
    }
}
