package dev.infbench.harness.profile;

import dev.infbench.format.ChromeTrace;
import dev.infbench.format.FormatException;
import dev.infbench.format.Json;
import dev.infbench.format.OperatorProfile;
import dev.infbench.format.ProfileFiles;
import dev.infbench.format.Params;
import dev.infbench.format.RunLayout;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.metrics.CellLabel;
import dev.infbench.harness.report.table.PlainTable;
import dev.infbench.harness.report.text.DecimalText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The operator tables of a {@code --profile} run: one section per profiled cell, its trace folded by
 * {@link OperatorTable}, the largest operators first, with what the table sums and how much of the profiled runs'
 * own time it covers. A cell whose profile failed gets a line saying why.
 */
public final class OperatorSections {
    /** Rows shown per cell; the rest is one "other operators" row. */
    static final int ROWS = 12;

    private OperatorSections() {
    }

    /** A profiled cell's table, read from its files. */
    public record Profiled(Cell cell, OperatorProfile profile, OperatorTable table, Path trace) {
    }

    /** The profiled cells of {@code runDir}, and a line for each that could not be read or was not profiled. */
    public static List<Profiled> read(List<Cell> cells, Path runDir, List<String> problems) {
        List<Profiled> out = new ArrayList<>();
        for (Cell cell : cells) {
            Path meta = RunLayout.profileMeta(runDir, cell.index());
            if (!Files.isRegularFile(meta)) {
                continue;
            }
            try {
                ProfileFiles.CellProfile file = Json.MAPPER.readValue(meta.toFile(), ProfileFiles.CellProfile.class);
                if (file == null || file.profile() == null) {
                    problems.add(CellLabel.of(cell, cells) + ": not profiled: " + (file == null || file.error() == null
                            ? "its profile file holds neither a profile nor an error" : file.error()));
                    continue;
                }
                OperatorProfile profile = file.profile();
                Path trace = RunLayout.profileTrace(runDir, cell.index());
                OperatorTable table = OperatorTable.of(ChromeTrace.read(trace), profile.warmupCalls());
                if (table.kind().equals(OperatorTable.ORT) && table.runs() == 0) {
                    problems.add(CellLabel.of(cell, cells) + ": its trace holds no model_run after the "
                            + profile.warmupCalls() + " warm-up calls");
                    continue;
                }
                out.add(new Profiled(cell, profile, table, trace));
            } catch (IOException | FormatException | IllegalArgumentException e) {
                problems.add(CellLabel.of(cell, cells) + ": profile not readable ("
                        + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
            }
        }
        return out;
    }

    static PlainTable section(Profiled p, List<Cell> cells, Path runDir) {
        OperatorTable t = p.table();
        boolean ort = t.kind().equals(OperatorTable.ORT);
        PlainTable.Builder b = new PlainTable.Builder("Operators of " + CellLabel.of(p.cell(), cells) + " ("
                + p.cell().params().getOrDefault(Params.BACKEND, "?") + ")");
        b.before(String.format(Locale.ROOT, "%s, %d profiled calls after %d warm-up calls, the raw trace in %s"
                + " (opens in chrome://tracing or Perfetto). The table sums %s.", p.profile().profiler(),
                p.profile().calls(), p.profile().warmupCalls(), runDir.relativize(p.trace()), p.profile().sums()));
        b.before(String.format(Locale.ROOT, "The operators' total, %s ms, is %s of %s (%s ms).",
                ms(t.totalUs()), percent(t.coverage()), ort ? "the profiled runs' own model_run time"
                        : "the time from the first profiled operator's start to the last one's end",
                ms(t.referenceUs())));
        b.text("operator");
        if (ort) {
            b.text("provider");
        }
        b.number("calls").number("total ms").number("ms per call").number("share");
        // ms per call over the calls the table covers: ONNX Runtime's model_run events, else the profiled calls.
        int calls = Math.max(1, t.runs() > 0 ? t.runs() : p.profile().calls());
        List<OperatorTable.Row> rows = t.rows();
        for (int i = 0; i < rows.size() && i < ROWS; i++) {
            OperatorTable.Row r = rows.get(i);
            List<String> row = new ArrayList<>(List.of(r.operator()));
            if (ort) {
                row.add(r.providers());
            }
            row.addAll(List.of(Long.toString(r.calls()), ms(r.totalUs()), ms(r.totalUs() / calls),
                    percent(t.totalUs() > 0 ? r.totalUs() / t.totalUs() : Double.NaN)));
            b.row(row);
        }
        if (rows.size() > ROWS) {
            double rest = rows.subList(ROWS, rows.size()).stream().mapToDouble(OperatorTable.Row::totalUs).sum();
            long restCalls = rows.subList(ROWS, rows.size()).stream().mapToLong(OperatorTable.Row::calls).sum();
            List<String> row = new ArrayList<>(List.of((rows.size() - ROWS) + " other operators"));
            if (ort) {
                row.add("");
            }
            row.addAll(List.of(Long.toString(restCalls), ms(rest), ms(rest / calls), percent(rest / t.totalUs())));
            b.row(row);
        }
        b.after("share: of the operators' total; ms per call: over the " + calls + " profiled calls. The profiler's"
                + " own cost is in these times, so they are not the cell's measured latency.");
        return b.build();
    }

    static String ms(double us) {
        return Double.isFinite(us) ? DecimalText.significant(us / 1000, 3) : "n/a";
    }

    static String percent(double share) {
        return Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f%%", 100 * share) : "n/a";
    }
}
