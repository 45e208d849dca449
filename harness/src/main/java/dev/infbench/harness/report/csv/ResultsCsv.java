package dev.infbench.harness.report.csv;

import com.fasterxml.jackson.databind.JsonNode;
import dev.infbench.format.Accuracy;
import dev.infbench.format.ForkMetrics;
import dev.infbench.format.Json;
import dev.infbench.format.MachinePeak;
import dev.infbench.harness.HarnessException;
import dev.infbench.harness.metrics.Baseline;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.metrics.CellFlops;
import dev.infbench.harness.metrics.CellMetrics;
import dev.infbench.harness.metrics.CellParams;
import dev.infbench.harness.metrics.Figure;
import dev.infbench.harness.metrics.LoadFigures;
import dev.infbench.harness.metrics.PeakShare;
import dev.infbench.harness.report.text.DecimalText;
import dev.infbench.harness.stats.ForkStatistic;
import dev.infbench.harness.stats.Interval;
import dev.infbench.harness.stats.LevelShift;
import dev.infbench.harness.stats.Stability;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a run as {@code results.csv}: one row per cell, pruned and failed ones included, in index order.
 *
 * <p>Columns: {@code index,key,<each parameter, first-seen order>,status,reason,mode,p50_ms,p90_ms,p99_ms,
 * p999_ms,mean_ms,samples,forks,callers,throughput_per_s,ms_per_sample,wall_s,accuracy_*,settings_mismatch,effective,
 * speedup_p50,speedup_throughput,p50_ci_low_ms,p50_ci_high_ms,p99_ci_low_ms,p99_ci_high_ms,cv,fork_spread,stable,
 * flops_per_sample,gflops_per_s} (see {@link CellFlops}),
 * {@code rounds_p50_ms,rounds_p50_low_ms,rounds_p50_high_ms,rounds_throughput_per_s,rounds_throughput_low_per_s,
 * rounds_throughput_high_per_s} (the median over forks and its 95% interval, {@link ForkStatistic}) and
 * {@code level_shift} (forks whose iteration means shifted level, {@link LevelShift}), then {@code peak_rss_mib} and
 * {@code heap_peak_mib} (the fork profiler's peak resident memory and JVM heap peak, largest over forks), then
 * {@code load_ms} and {@code first_call_ms} (cold start: opening the session and its first call, median over forks),
 * then {@code peak_share} and {@code peak_kind} (GFLOP/s over the run's measured peak of that kind, {@link PeakShare}),
 * then a serving cell's load figures ({@link LoadFigures}; empty for closed-loop cells): {@code offered_per_s,
 * served_per_s,queueing_ms,service_p99_ms,mean_batch,stable_forks,max_rate_per_s,max_rate_forks,sla_ms}.
 * Speedups are against the cell's {@link Baseline}; the {@code _ci_} columns are the 95% intervals of
 * {@link CellMetrics#p50Interval()} and {@link CellMetrics#p99Interval()}; {@code cv}, {@code fork_spread} and
 * {@code stable} ({@code true}/{@code false}, empty when untested) are the cell's
 * {@link dev.infbench.harness.stats.Stability}. Units are in the names;
 * unavailable values (unmeasured cells, percentiles failing the {@linkplain CellMetrics tail rule}, non-finite
 * scores) are empty cells. Numbers always use {@code .} and 15 significant digits, whatever the default locale.
 *
 * <p>Quoting follows RFC 4180 (CRLF line ends). A text cell that starts with {@code = + - @}, tab or CR gets a
 * leading {@code '} so spreadsheets show it instead of evaluating it as a formula; text that is just a number (a
 * parameter such as {@code -1}) is left as it is, and so are the numeric columns.
 */
public final class ResultsCsv {

    private static final List<String> LEADING = List.of("index", "key");
    private static final List<String> TRAILING = List.of("status", "reason", "mode", "p50_ms", "p90_ms", "p99_ms",
            "p999_ms", "mean_ms", "samples", "forks", "callers", "throughput_per_s", "ms_per_sample", "wall_s",
            "accuracy_metric", "accuracy_min_cosine", "accuracy_max_abs_error", "accuracy_top1_agreement",
            "accuracy_threshold", "settings_mismatch", "effective",
            // Added after schema 1 went out, so appended: readers that go by position keep working.
            "speedup_p50", "speedup_throughput", "p50_ci_low_ms", "p50_ci_high_ms", "p99_ci_low_ms",
            "p99_ci_high_ms", "cv", "fork_spread", "stable", "flops_per_sample", "gflops_per_s",
            // Schema 3 (rounds): the figures over forks, the unit of replication, and level shifts inside forks.
            "rounds_p50_ms", "rounds_p50_low_ms", "rounds_p50_high_ms", "rounds_throughput_per_s",
            "rounds_throughput_low_per_s", "rounds_throughput_high_per_s", "level_shift",
            // The fork profiler's peaks (largest over forks).
            "peak_rss_mib", "heap_peak_mib",
            // Cold start, median over forks.
            "load_ms", "first_call_ms",
            // The share of the machine's measured peak (peak.json), and which peak: fp32 or int8.
            "peak_share", "peak_kind");

    /**
     * The last columns, a serving cell's (scenario other than single; empty for the others), medians over forks: the
     * rate offered and served, the mean wait before a call, the calls' own p99, the mean batch, the forks whose step
     * was stable, and (rate=0) the highest rate within the SLA over the forks that found one, how many did, and the
     * SLA they searched with.
     */
    public static final List<String> LOAD_COLUMNS = List.of("offered_per_s", "served_per_s", "queueing_ms",
            "service_p99_ms", "mean_batch", "stable_forks", "max_rate_per_s", "max_rate_forks", "sla_ms");

    private ResultsCsv() {
    }

    /** The header row for {@code cells}. */
    public static List<String> header(List<Cell> cells) {
        List<String> header = new ArrayList<>(LEADING);
        header.addAll(CellParams.names(cells));
        header.addAll(TRAILING);
        header.addAll(LOAD_COLUMNS);
        return header;
    }

    /**
     * Writes {@code cells} to {@code file} as UTF-8, replacing it.
     *
     * @throws HarnessException if the file cannot be written or a cell's JMH result cannot be read
     */
    public static void write(List<Cell> cells, Path file) {
        write(cells, null, file);
    }

    /** Writes {@code cells} of a run whose machine peak is {@code peak} (null: none) to {@code file}. */
    public static void write(List<Cell> cells, MachinePeak peak, Path file) {
        CsvFiles.write(file, out -> write(cells, peak, out));
    }

    /** Writes {@code cells} to {@code out} and flushes it; {@code out} stays open. */
    public static void write(List<Cell> cells, Writer out) throws IOException {
        write(cells, null, out);
    }

    /** Writes {@code cells} (their run's peak: {@code peak}, or null) to {@code out}; {@code out} stays open. */
    public static void write(List<Cell> cells, MachinePeak peak, Writer out) throws IOException {
        List<String> params = CellParams.names(cells);
        // Not closed: closing the printer would close the caller's writer.
        CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180);
        printer.printRecord(header(cells));
        for (Cell cell : cells.stream().sorted(Comparator.comparingInt(Cell::index)).toList()) {
            printer.printRecord(row(cell, params, cells, peak));
        }
        printer.flush();
    }

    private static List<String> row(Cell cell, List<String> params, List<Cell> run, MachinePeak peak) {
        Optional<CellMetrics> m = cell.metrics();
        List<String> row = new ArrayList<>();
        row.add(Integer.toString(cell.index()));
        row.add(text(cell.key()));
        params.forEach(name -> row.add(text(CellParams.params(cell).get(name))));
        row.add(text(cell.status().name()));
        row.add(text(cell.reason()));
        row.add(text(m.map(CellMetrics::mode).orElse(null)));
        row.add(number(m.map(CellMetrics::p50Ms)));
        row.add(number(m.map(CellMetrics::p90Ms)));
        row.add(number(m.map(CellMetrics::p99Ms)));
        row.add(number(m.map(CellMetrics::p999Ms)));
        row.add(number(m.map(CellMetrics::meanMs)));
        row.add(m.map(x -> Long.toString(x.samples())).orElse(""));
        row.add(m.map(x -> Integer.toString(x.forks())).orElse(""));
        row.add(m.map(x -> Integer.toString(x.callers())).orElse(""));
        row.add(number(m.map(CellMetrics::throughputPerS)));
        row.add(number(m.map(CellMetrics::msPerSample)));
        row.add(number(Optional.ofNullable(cell.wallSeconds())));
        Optional<Accuracy> acc = Optional.ofNullable(cell.accuracy());
        row.add(text(acc.map(Accuracy::metric).orElse(null)));
        row.add(number(acc.map(Accuracy::minCosine)));
        row.add(number(acc.map(Accuracy::maxAbsError)));
        row.add(number(acc.map(Accuracy::top1Agreement)));
        row.add(number(acc.map(Accuracy::threshold)));
        row.add(text(cell.hasMismatches() ? String.join("; ", cell.mismatches()) : null));
        row.add(text(effective(cell.effective())));
        Optional<Baseline.Speedup> speedup = Baseline.speedup(cell, run);
        row.add(number(speedup.map(Baseline.Speedup::p50)));
        row.add(number(speedup.map(Baseline.Speedup::throughput)));
        Optional<Interval> p50 = m.map(CellMetrics::p50Interval);
        Optional<Interval> p99 = m.map(CellMetrics::p99Interval);
        row.add(number(p50.map(Interval::low)));
        row.add(number(p50.map(Interval::high)));
        row.add(number(p99.map(Interval::low)));
        row.add(number(p99.map(Interval::high)));
        Optional<Stability> stability = m.map(CellMetrics::stability);
        row.add(number(stability.map(Stability::cv)));
        row.add(number(stability.map(Stability::forkSpread)));
        row.add(stability.map(Stability::stable).map(String::valueOf).orElse(""));
        row.add(number(CellFlops.perSample(cell)));
        row.add(number(CellFlops.gflopsPerS(cell)));
        for (Figure figure : new Figure[] {Figure.P50, Figure.THROUGHPUT}) {
            Optional<ForkStatistic> rounds = m.map(x -> x.overForks(figure)).filter(f -> f.forks() > 0);
            Optional<Interval> interval = rounds.map(ForkStatistic::interval);
            row.add(number(rounds.map(ForkStatistic::point)));
            row.add(number(interval.map(Interval::low)));
            row.add(number(interval.map(Interval::high)));
        }
        row.add(text(m.map(CellMetrics::levelShifts).filter(l -> !l.isEmpty())
                .map(l -> l.stream().map(LevelShift::describe).collect(java.util.stream.Collectors.joining("; ")))
                .orElse(null)));
        row.add(number(m.map(CellMetrics::peakRssMib)));
        row.add(number(m.map(CellMetrics::heapPeakMib)));
        row.add(number(m.map(CellMetrics::loadMs)));
        row.add(number(m.map(CellMetrics::firstCallMs)));
        Optional<PeakShare> share = PeakShare.of(cell, peak);
        row.add(number(share.map(PeakShare::share)));
        row.add(text(share.map(PeakShare::kind).orElse(null)));
        Optional<LoadFigures> load = m.flatMap(CellMetrics::load);
        for (String name : List.of(ForkMetrics.LOAD_OFFERED_PER_S, ForkMetrics.LOAD_ACHIEVED_PER_S,
                ForkMetrics.LOAD_QUEUEING_MS, ForkMetrics.LOAD_SERVICE_P99_MS, ForkMetrics.LOAD_MEAN_BATCH)) {
            row.add(number(load.map(l -> l.median(name))));
        }
        row.add(load.map(l -> Long.toString(count(l.values(ForkMetrics.LOAD_STABLE), v -> v == 1))).orElse(""));
        row.add(number(load.map(l -> l.median(ForkMetrics.LOAD_MAX_RATE_PER_S))));
        // Only a search has a max rate: a cell at a fixed rate leaves both empty.
        row.add(load.filter(l -> l.median(ForkMetrics.LOAD_STEPS) != null)
                .map(l -> Long.toString(count(l.values(ForkMetrics.LOAD_MAX_RATE_PER_S), Double::isFinite)))
                .orElse(""));
        row.add(number(load.map(l -> l.median(ForkMetrics.LOAD_SLA_MS))));
        return row;
    }

    private static long count(double[] values, java.util.function.DoublePredicate p) {
        return java.util.Arrays.stream(values).filter(p).count();
    }

    private static String effective(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : Json.line(node);
    }

    private static String number(Optional<Double> value) {
        return value.filter(Double::isFinite).map(DecimalText::exact).orElse("");
    }

    /** Text cell: empty for null, neutralized when a spreadsheet would read it as a formula. */
    static String text(String value) {
        return DecimalText.csvText(value);
    }
}
