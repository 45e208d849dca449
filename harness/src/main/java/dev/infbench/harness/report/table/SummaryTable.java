package dev.infbench.harness.report.table;

import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.metrics.CellFlops;
import dev.infbench.harness.metrics.CellMetrics;
import dev.infbench.harness.metrics.CellParams;
import dev.infbench.harness.metrics.Figure;
import dev.infbench.harness.metrics.Percentile;
import dev.infbench.harness.report.text.DecimalText;
import dev.infbench.harness.stats.ForkStatistic;
import dev.infbench.harness.stats.Interval;
import dev.infbench.harness.stats.LevelShift;
import dev.infbench.harness.stats.Stability;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A plain-text table of a run for the terminal: one row per cell in index order.
 *
 * <p>Parameters that are the same in every cell are printed once above the table ({@code fixed: ...}); the ones that
 * vary become columns. Latencies are in milliseconds with three significant digits; a percentile that fails the
 * {@linkplain CellMetrics tail rule} shows {@code n/a} next to the {@code n} column that explains it. Reasons of
 * pruned, failed or inaccurate cells go to numbered footnotes so long messages do not widen the table. A status
 * followed by {@code ~} marks a cell whose {@linkplain Stability stability verdict} is unstable.
 */
public final class SummaryTable {

    /** The latency percentiles shown; the CSV has p99.9 too, which rarely passes the tail rule in a sweep. */
    private static final double[] QUANTILES = {0.5, 0.9, 0.99};
    private static final int DIGITS = 3;
    private static final String GAP = "  ";
    /** Marks a cell whose stability verdict is unstable. */
    static final String UNSTABLE = "~";
    /** Footer explaining {@link #UNSTABLE}. */
    static final String UNSTABLE_FOOTER = UNSTABLE + ": unstable: iteration means vary by more than "
            + percent(Stability.MAX_CV) + " (coefficient of variation) or fork means spread by more than "
            + percent(Stability.MAX_FORK_SPREAD);
    /** Marks a cell with a fork whose iteration means shifted level part-way ({@link LevelShift}). */
    static final String SHIFTED = "!";
    static final String ROUNDS_P50 = "p50 ms over rounds";
    static final String PEAK_RSS = "peak RSS MiB";
    static final String LOAD = "load ms";
    static final String FIRST_CALL = "1st call ms";
    static final String ROUNDS_THROUGHPUT = "samples/s over rounds";
    static final String ROUNDS_FOOTER = "over rounds: the median of the forks' own figures (one fork a round) and its"
            + " 95% interval, a t interval on their logarithms that pays for few rounds; the figures that picks,"
            + " ties and ratios use (calls within a fork move together, so the per-call columns are narrower than"
            + " the truth)";
    /** Shown where the tail rule holds but JMH gave no finite value (NaN, infinity, or none). */
    private static final String NOT_A_NUMBER = "?";

    private SummaryTable() {
    }

    /** Renders {@code cells} (typically a run's {@code CellEntries}); lines end with {@code \n}. */
    public static String render(List<Cell> cells) {
        if (cells.isEmpty()) {
            return "no cells\n";
        }
        Layout layout = layout(cells);
        StringBuilder out = new StringBuilder();
        if (!layout.fixed().isEmpty()) {
            out.append("fixed:");
            layout.fixed().forEach((name, value) -> out.append(' ').append(name).append('=').append(value));
            out.append('\n');
        }
        for (int r = -1; r < layout.rows(); r++) {
            StringBuilder line = new StringBuilder();
            for (Column column : layout.columns()) {
                if (line.length() > 0) {
                    line.append(GAP);
                }
                line.append(r < 0 ? column.header() : column.cell(r));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        layout.footnotes().forEach((reason, number) -> out.append('[').append(number).append("] ").append(reason)
                .append('\n'));
        layout.notes().forEach(note -> out.append(note).append('\n'));
        return out.toString();
    }

    /**
     * What a summary shows, whatever it is rendered as: the fixed parameters, the columns with their cells, the
     * footnotes (reason → number) and the explanatory notes, one line each without terminator.
     */
    public record Layout(Map<String, String> fixed, List<Column> columns, int rows, Map<String, Integer> footnotes,
            List<String> notes) {
    }

    /** The layout of a non-empty list of cells. */
    public static Layout layout(List<Cell> cells) {
        List<Cell> rows = cells.stream().sorted(Comparator.comparingInt(Cell::index)).toList();
        Map<String, String> fixed = new LinkedHashMap<>();
        CellParams.fixed(rows).forEach((name, value) -> fixed.put(name, oneLine(value)));
        List<String> varying = CellParams.names(rows).stream().filter(name -> !fixed.containsKey(name)).toList();
        List<Optional<CellMetrics>> metrics = rows.stream().map(Cell::metrics).toList();
        Set<String> otherModes = metrics.stream().flatMap(Optional::stream)
                .filter(CellMetrics::percentilesAreIterationScores).map(CellMetrics::mode)
                .collect(Collectors.toCollection(TreeSet::new));

        List<Column> columns = new ArrayList<>();
        columns.add(new Column("#", Align.RIGHT));
        varying.forEach(name -> columns.add(new Column(name, Align.BY_VALUES)));
        columns.add(new Column("status", Align.LEFT));
        if (!otherModes.isEmpty()) {
            columns.add(new Column("mode", Align.LEFT));
        }
        for (double q : QUANTILES) {
            columns.add(new Column(Percentile.label(q) + " ms", Align.RIGHT));
        }
        columns.add(new Column("samples/s", Align.RIGHT));
        boolean flops = rows.stream().anyMatch(c -> CellFlops.gflopsPerS(c).isPresent());
        if (flops) {
            columns.add(new Column("GFLOP/s", Align.RIGHT));
        }
        columns.add(new Column("n", Align.RIGHT));
        // Rounds are the unit of replication: the median over forks with its 95% interval, where a cell has two.
        boolean rounds = metrics.stream().flatMap(Optional::stream)
                .anyMatch(x -> x.overForks(Figure.P50).interval() != null
                        || x.overForks(Figure.THROUGHPUT).interval() != null);
        if (rounds) {
            columns.add(new Column("rounds", Align.RIGHT));
            columns.add(new Column(ROUNDS_P50, Align.RIGHT));
            columns.add(new Column(ROUNDS_THROUGHPUT, Align.RIGHT));
        }
        boolean memory = metrics.stream().flatMap(Optional::stream).anyMatch(x -> x.peakRssMib() != null);
        if (memory) {
            columns.add(new Column(PEAK_RSS, Align.RIGHT));
        }
        boolean cold = metrics.stream().flatMap(Optional::stream).anyMatch(x -> x.loadMs() != null);
        if (cold) {
            columns.add(new Column(LOAD, Align.RIGHT));
            columns.add(new Column(FIRST_CALL, Align.RIGHT));
        }
        boolean accuracy = rows.stream().anyMatch(c -> c.accuracy() != null);
        if (accuracy) {
            columns.add(new Column("min cos", Align.RIGHT));
        }

        Map<String, Integer> footnotes = new LinkedHashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            Cell cell = rows.get(r);
            Optional<CellMetrics> m = metrics.get(r);
            List<String> values = new ArrayList<>();
            values.add(Integer.toString(cell.index()));
            // A value from outside (a model path) may hold a line break: it must not split the row.
            varying.forEach(name -> values.add(oneLine(CellParams.params(cell).getOrDefault(name, ""))));
            values.add(status(cell, footnotes));
            if (!otherModes.isEmpty()) {
                values.add(m.map(CellMetrics::mode).orElse(""));
            }
            for (double q : QUANTILES) {
                values.add(m.map(x -> latency(x, q)).orElse(""));
            }
            values.add(m.map(CellMetrics::throughputPerS).map(v -> DecimalText.significant(v, DIGITS)).orElse(""));
            if (flops) {
                values.add(CellFlops.gflopsPerS(cell).map(v -> DecimalText.significant(v, DIGITS)).orElse(""));
            }
            values.add(m.map(x -> Long.toString(x.samples())).orElse(""));
            if (rounds) {
                values.add(m.map(x -> Integer.toString(x.forks())).orElse(""));
                values.add(m.map(x -> overRounds(x.overForks(Figure.P50))).orElse(""));
                values.add(m.map(x -> overRounds(x.overForks(Figure.THROUGHPUT))).orElse(""));
            }
            if (memory) {
                values.add(m.map(CellMetrics::peakRssMib).map(v -> DecimalText.significant(v, DIGITS)).orElse(""));
            }
            if (cold) {
                values.add(m.map(CellMetrics::loadMs).map(v -> DecimalText.significant(v, DIGITS)).orElse(""));
                values.add(m.map(CellMetrics::firstCallMs).map(v -> DecimalText.significant(v, DIGITS)).orElse(""));
            }
            if (accuracy) {
                values.add(cell.accuracy() == null ? "" : cosine(cell.accuracy().minCosine()));
            }
            for (int c = 0; c < columns.size(); c++) {
                columns.get(c).add(values.get(c));
            }
        }

        List<String> notes = new ArrayList<>();
        notes.add(tailRuleFooter());
        if (rows.stream().anyMatch(SummaryTable::unstable)) {
            notes.add(UNSTABLE_FOOTER);
        }
        if (rounds) {
            notes.add(ROUNDS_FOOTER);
        }
        if (cold) {
            notes.add(LOAD + ", " + FIRST_CALL + ": cold start in a fresh fork JVM, the median over forks: opening the"
                    + " session (reading the model, building and optimising the backend's graph; model variants are"
                    + " prepared before the run, see " + dev.infbench.format.RunLayout.LOGS + "/"
                    + dev.infbench.format.RunLayout.MODELS_LOG + ") and the session's first call, apart from the"
                    + " steady-state figures");
        }
        if (memory) {
            notes.add(PEAK_RSS + ": the fork's peak resident memory while measuring (VmHWM: model, session, inputs,"
                    + " JVM), the largest over the cell's forks after the first (which also ran the accuracy gate and"
                    + " keeps what that touched); a cell of one fork shows that first fork's, which is larger");
        }
        List<String> shifted = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            List<LevelShift> shifts = metrics.get(r).map(CellMetrics::levelShifts).orElse(List.of());
            if (!shifts.isEmpty()) {
                shifted.add("#" + rows.get(r).index() + " " + shifts.stream().map(LevelShift::describe)
                        .collect(Collectors.joining(", ")));
            }
        }
        if (!shifted.isEmpty()) {
            notes.add(SHIFTED + ": a fork's iteration means shifted level part-way (the machine changed speed inside"
                    + " it; its percentiles mix two regimes): " + String.join("; ", shifted));
        }
        if (columns.stream().anyMatch(column -> column.contains(NOT_A_NUMBER))) {
            notes.add(NOT_A_NUMBER + ": JMH reported no finite value");
        }
        if (!otherModes.isEmpty()) {
            notes.add("-: mode " + String.join("/", otherModes)
                    + " measures iterations, not single calls: no latency percentiles; n counts iterations");
        }
        if (flops) {
            notes.add("GFLOP/s: the model's Conv, Gemm and MatMul operations per sample (counted on its fp32 graph for"
                    + " the cell's shapes, multiply-add = 2) times samples/s");
        }
        List<Integer> starved = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            Optional<CellMetrics> m = metrics.get(r);
            if (m.isPresent() && m.get().isSampleTime() && !CellMetrics.tailReportable(0.5, m.get().samples())) {
                starved.add(rows.get(r).index());
            }
        }
        if (!starved.isEmpty()) {
            notes.add("too few samples for even a median in cell" + (starved.size() == 1 ? " " : "s ")
                    + starved.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " (fewer than "
                    + CellMetrics.minSamples(0.5) + " calls: each call outlasts most of an iteration); give them"
                    + " longer iterations (-r 10s) or more of them (-i 10), or a smaller batch");
        }
        return new Layout(fixed, columns, rows.size(), footnotes, notes);
    }

    /**
     * One cell on one line, as the launcher prints it when the cell finishes:
     * {@code OK  p50 19.8 ms  p90 20.4 ms  p99 n/a  50.2 samples/s  n=812}.
     */
    public static String line(Cell cell) {
        Optional<CellMetrics> m = cell.metrics();
        if (m.isEmpty()) {
            return cell.status().name() + (cell.reason() == null ? "" : ": " + cell.reason());
        }
        StringBuilder sb = new StringBuilder(cell.status().name());
        for (double q : QUANTILES) {
            String v = latency(m.get(), q);
            sb.append(GAP).append(Percentile.label(q)).append(' ').append(v).append(isNumber(v) ? " ms" : "");
        }
        Double throughput = m.get().throughputPerS();
        sb.append(GAP).append(throughput == null ? "?" : DecimalText.significant(throughput, DIGITS))
                .append(" samples/s").append(GAP).append("n=").append(m.get().samples());
        return sb.toString();
    }

    private static boolean isNumber(String text) {
        return DecimalText.isNumber(text);
    }

    private static String status(Cell cell, Map<String, Integer> footnotes) {
        String status = cell.status().name();
        if (cell.hasMismatches()) {
            status += "*";
        }
        if (unstable(cell)) {
            status += UNSTABLE;
        }
        if (cell.metrics().map(m -> !m.levelShifts().isEmpty()).orElse(false)) {
            status += SHIFTED;
        }
        if (cell.hasMismatches()) {
            // A setting that did not take effect: the numbers are real, but not of the configuration asked for.
            String note = "settings differ from those asked: " + String.join("; ", cell.mismatches());
            status += " [" + footnotes.computeIfAbsent(note, key -> footnotes.size() + 1) + "]";
        }
        String reason = cell.reason();
        if (reason == null || reason.isBlank()) {
            return status;
        }
        // One footnote per distinct reason: a sweep often prunes many cells for the same cause.
        // Reasons are meant to be one line; a stray newline must not break the footnote list.
        String oneLine = oneLine(reason.strip());
        int number = footnotes.computeIfAbsent(oneLine, key -> footnotes.size() + 1);
        return status + " [" + number + "]";
    }

    /** {@code text} with each line break (and the spaces around it) as one space. */
    public static String oneLine(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return LINE_BREAK.matcher(text).replaceAll(" ");
            }
        }
        return text;
    }

    private static final java.util.regex.Pattern LINE_BREAK = java.util.regex.Pattern.compile("\\s*\\R\\s*");

    /** True when the cell was measured and its {@link Stability} verdict is unstable (not merely untested). */
    static boolean unstable(Cell cell) {
        return cell.metrics().map(m -> Boolean.FALSE.equals(m.stability().stable())).orElse(false);
    }

    /** {@code 15.9 (15.6-16.3)}: the median over forks and its 95% interval; the median alone with one fork. */
    private static String overRounds(ForkStatistic statistic) {
        if (statistic.forks() == 0) {
            return "n/a";
        }
        String point = DecimalText.significant(statistic.point(), DIGITS);
        Interval i = statistic.interval();
        return i == null ? point : point + " (" + DecimalText.significant(i.low(), DIGITS) + "-"
                + DecimalText.significant(i.high(), DIGITS) + ")";
    }

    private static String latency(CellMetrics metrics, double quantile) {
        if (metrics.percentilesAreIterationScores()) {
            return "-";
        }
        Percentile percentile = metrics.percentile(quantile);
        if (percentile.available()) {
            return DecimalText.significant(percentile.jmhMs(), DIGITS);
        }
        // "n/a" is reserved for the tail rule, so that its footer line is true for every "n/a" shown.
        return CellMetrics.tailReportable(quantile, metrics.samples()) ? NOT_A_NUMBER : "n/a";
    }

    /** Cosines near 1 need their nines: 0.999987 rather than 1.00. */
    private static String cosine(double v) {
        return new java.math.BigDecimal(v).setScale(6, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String percent(double fraction) {
        return new java.math.BigDecimal(Double.toString(fraction)).movePointRight(2).stripTrailingZeros()
                .toPlainString() + "%";
    }

    private static String tailRuleFooter() {
        StringBuilder needs = new StringBuilder();
        for (double q : QUANTILES) {
            needs.append(needs.length() == 0 ? "" : ", ")
                    .append(Percentile.label(q)).append(" n >= ").append(CellMetrics.minSamples(q));
        }
        return "n/a: too few samples; a percentile needs " + CellMetrics.MIN_TAIL_SAMPLES + " beyond it (" + needs
                + ")";
    }

    /** How a column's cells line up; parameters can be numbers (batch) or words (backend). */
    enum Align { LEFT, RIGHT, BY_VALUES }

    /** One column of the table; {@link Align#BY_VALUES} puts it right when every value is a number. */
    public static final class Column {
        private final String header;
        private final Align align;
        private final List<String> cells = new ArrayList<>();
        private int width;
        private boolean hasNumber;
        private boolean hasText;

        Column(String header, Align align) {
            this.header = header;
            this.align = align;
            this.width = header.length();
        }

        void add(String value) {
            cells.add(value);
            width = Math.max(width, value.length());
            if (!value.isEmpty()) {
                if (DecimalText.isNumber(value)) {
                    hasNumber = true;
                } else {
                    hasText = true;
                }
            }
        }

        boolean contains(String value) {
            return cells.contains(value);
        }

        String header() {
            return pad(header);
        }

        String cell(int row) {
            return pad(cells.get(row));
        }

        /** The header without padding. */
        String title() {
            return header;
        }

        /** The cell of {@code row} without padding. */
        String text(int row) {
            return cells.get(row);
        }

        /** True when the column's cells line up on the right (numbers). */
        boolean rightAligned() {
            return align == Align.RIGHT || align == Align.BY_VALUES && hasNumber && !hasText;
        }

        private String pad(String text) {
            boolean right = rightAligned();
            String fill = " ".repeat(width - text.length());
            return right ? fill + text : text + fill;
        }
    }
}
