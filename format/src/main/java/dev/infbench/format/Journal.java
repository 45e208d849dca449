package dev.infbench.format;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The contents of one run's {@code journal.jsonl}, as read by {@link JournalReader}.
 *
 * <p>A journal is append-only. Since schema 3 a measured cell is the lines of its forks, one per round, each
 * appended the moment the fork ends; a pruned cell (and every cell of an older journal) is one line. A fork that
 * failed ends its cell's attempt: the cell is failed, and a later {@code --retry-failed} starts a new attempt whose
 * forks follow in the file. {@link #entries()} keeps every line for auditing; {@link #cells()} is each cell's
 * current outcome, which readers merge into one cell.
 *
 * @param file     the journal that was read
 * @param entries  every parsed line, in file order
 * @param warnings problems that were tolerated (a torn last line), one line each; empty when the file was clean
 */
public record Journal(Path file, List<JournalEntry> entries, List<String> warnings) {

    public Journal {
        entries = List.copyOf(entries);
        warnings = List.copyOf(warnings);
    }

    /**
     * One cell's current outcome: a whole-cell line, or the fork lines of its latest attempt in round order (the
     * newest line of a round wins).
     *
     * @param key   the cell's key
     * @param lines one whole-cell line, or one or more fork lines
     */
    public record CellLines(String key, List<JournalEntry> lines) {
        public CellLines {
            lines = List.copyOf(lines);
            if (lines.isEmpty()) {
                throw new IllegalArgumentException("a cell with no line");
            }
        }

        /** True when the cell is made of fork lines. */
        public boolean forked() {
            return lines.get(0).isFork();
        }

        /** The line that decides the cell's index, parameters and first settings. */
        public JournalEntry first() {
            return lines.get(0);
        }

        /** True when the attempt ended with a failed fork (or the cell's one line says it failed). */
        public boolean failed() {
            return lines.stream().anyMatch(e -> e.status() == CellStatus.FAILED);
        }

        /** The rounds whose forks are in, in order (empty for a whole-cell line). */
        public List<Integer> rounds() {
            return lines.stream().filter(JournalEntry::isFork).map(JournalEntry::round).toList();
        }
    }

    /** Each cell's current outcome, ordered by {@code index} (file order among equal indices). */
    public List<CellLines> cells() {
        Map<String, List<JournalEntry>> attempt = new LinkedHashMap<>();
        for (JournalEntry entry : entries) {
            List<JournalEntry> current = attempt.get(entry.key());
            boolean closed = current == null || !current.get(0).isFork()
                    || current.stream().anyMatch(e -> e.status() == CellStatus.FAILED);
            if (!entry.isFork() || closed) {
                attempt.put(entry.key(), new ArrayList<>(List.of(entry)));
            } else {
                current.removeIf(e -> e.round().equals(entry.round()));
                current.add(entry);
            }
        }
        List<CellLines> cells = new ArrayList<>();
        for (Map.Entry<String, List<JournalEntry>> e : attempt.entrySet()) {
            TreeMap<Integer, JournalEntry> byRound = new TreeMap<>();
            List<JournalEntry> lines = e.getValue();
            if (lines.get(0).isFork()) {
                lines.forEach(l -> byRound.put(l.round(), l));
                lines = List.copyOf(byRound.values());
            }
            cells.add(new CellLines(e.getKey(), lines));
        }
        cells.sort(Comparator.comparingInt(c -> c.first().index()));
        return cells;
    }
}
