package dev.infbench.harness.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.infbench.format.Accuracy;
import dev.infbench.format.CellStatus;
import dev.infbench.format.JournalEntry;
import dev.infbench.harness.HarnessException;
import dev.infbench.harness.stats.Ratio;
import dev.infbench.harness.stats.SampleHistogram;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One cell as the reports read it: its journal entry, and the numbers of its measurement ({@link CellMetrics}, a
 * plain value computed once when the cell is read). Every report, table, pick, comparison and merge works on these.
 */
public final class Cell {
    private final JournalEntry entry;
    private final CellMetrics metrics;

    private Cell(JournalEntry entry, CellMetrics metrics) {
        this.entry = entry;
        this.metrics = metrics;
    }

    /**
     * The cell of a journal entry; its metrics come from its JMH result (none when it was not measured).
     *
     * @throws HarnessException naming the cell if its JMH result or batch parameter cannot be read
     */
    public static Cell of(JournalEntry entry) {
        JsonNode jmh = entry.jmh();
        if (jmh == null || jmh.isNull() || jmh.isMissingNode()) {
            return new Cell(entry, null);
        }
        try {
            return new Cell(entry, CellMetrics.fromJmh(jmh, batchOf(entry)));
        } catch (HarnessException e) {
            throw new HarnessException("cell " + entry.index() + " (" + entry.key() + "): " + e.getMessage(), e);
        }
    }

    /**
     * The cell of an entry whose JMH result was read without its {@code rawDataHistogram}, the histogram having
     * been streamed into {@code histogram} (values in the result's score unit; null when it had none): a report over
     * a large JMH file keeps no JSON tree of the calls.
     */
    public static Cell of(JournalEntry entry, SampleHistogram histogram) {
        JsonNode jmh = entry.jmh();
        if (jmh == null || jmh.isNull() || jmh.isMissingNode()) {
            return new Cell(entry, null);
        }
        try {
            return new Cell(entry, CellMetrics.fromJmh(jmh, batchOf(entry), histogram));
        } catch (HarnessException e) {
            throw new HarnessException("cell " + entry.index() + " (" + entry.key() + "): " + e.getMessage(), e);
        }
    }

    /** The cells of journal entries, in the same order. */
    public static List<Cell> all(List<JournalEntry> entries) {
        return entries.stream().map(Cell::of).toList();
    }

    /** The same cell at another index (a merge numbers the cells of several runs afresh). */
    public Cell withIndex(int newIndex) {
        return new Cell(entry.withIndex(newIndex), metrics);
    }

    public JournalEntry entry() {
        return entry;
    }

    /** The numbers of its measurement; empty for a pruned or failed cell. */
    public Optional<CellMetrics> metrics() {
        return Optional.ofNullable(metrics);
    }

    public int index() {
        return entry.index();
    }

    public String key() {
        return entry.key();
    }

    /** The cell's parameters; empty for a journal line that has none. */
    public Map<String, String> params() {
        return entry.params() == null ? Map.of() : entry.params();
    }

    /**
     * The cell's identity across runs: its parameters, with each parameter added since older runs were recorded at
     * its default where the cell lacks it ({@link dev.infbench.format.Params#ADDED}), so that a cell of an older run
     * matches the same cell of a newer one in comparisons, merges and history.
     */
    public Map<String, String> identity() {
        return dev.infbench.format.Params.withAdded(params());
    }

    public CellStatus status() {
        return entry.status();
    }

    public String reason() {
        return entry.reason();
    }

    public Double wallSeconds() {
        return entry.wallSeconds();
    }

    public JsonNode effective() {
        return entry.effective();
    }

    public List<String> mismatches() {
        return entry.mismatches();
    }

    public boolean hasMismatches() {
        return entry.hasMismatches();
    }

    public Accuracy accuracy() {
        return entry.accuracy();
    }

    public String rerun() {
        return entry.rerun();
    }

    public JsonNode jmh() {
        return entry.jmh();
    }

    /**
     * The figure of each fork by the round it ran in. Forks of a cell without rounds (an older journal, a JMH file:
     * forks run back to back) are numbered 1, 2, ... in order, which pairs them with nothing (see {@link #ratio}).
     */
    public Map<Integer, Double> byRound(Figure figure) {
        double[] values = metrics == null ? new double[0] : metrics.forkValues(figure);
        List<Integer> rounds = entry.rounds();
        Map<Integer, Double> byRound = new java.util.TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            byRound.put(rounds != null && rounds.size() == values.length ? rounds.get(i) : i + 1, values[i]);
        }
        return byRound;
    }

    /**
     * The machine's compute speed as this cell's forks found it (the median of their probes, millions of steps per
     * second), or null unless every measured fork probed.
     */
    public Double probeSpeed() {
        List<dev.infbench.format.SpeedProbe> probes = entry.probes();
        if (probes == null || probes.isEmpty() || metrics == null || probes.size() != metrics.forks()) {
            return null;
        }
        return dev.infbench.harness.stats.Median.of(probes.stream()
                .mapToDouble(dev.infbench.format.SpeedProbe::computeMops).toArray());
    }

    /** True when its forks ran in a run's interleaved rounds (journal schema 3). */
    public boolean hasRounds() {
        return entry.rounds() != null && metrics != null && entry.rounds().size() == metrics.forks();
    }

    /**
     * This cell's figure over {@code other}'s: paired by round when both ran in the same run's rounds, else the
     * unpaired ratio of their fork values; null when either has no value.
     */
    public Ratio ratio(Cell other, Figure figure) {
        if (hasRounds() && other.hasRounds()) {
            return Ratio.paired(byRound(figure), other.byRound(figure));
        }
        return Ratio.unpaired(metrics == null ? new double[0] : metrics.forkValues(figure),
                other.metrics == null ? new double[0] : other.metrics.forkValues(figure));
    }

    @Override
    public String toString() {
        return "cell " + entry.index() + " (" + entry.key() + ")";
    }

    private static int batchOf(JournalEntry entry) {
        String value = entry.params() == null ? null : entry.params().get(dev.infbench.format.Params.BATCH);
        if (value == null) {
            return 1;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new HarnessException("param batch '" + value + "' is not an integer", e);
        }
    }
}
