package dev.infbench.harness.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.infbench.format.CellStatus;
import dev.infbench.format.Journal;
import dev.infbench.format.JournalEntry;
import dev.infbench.format.SpeedProbe;
import dev.infbench.harness.HarnessException;
import dev.infbench.harness.jmh.JmhForks;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A journal's cells as one entry each: a whole-cell line as it is, and a cell's fork lines (one per round) merged
 * into the cell they make: the first fork's settings and accuracy, the merged JMH result of its measured forks (see
 * {@link JmhForks}) with the round of each fork, the total wall time; failed when a fork failed (the reason names
 * its round), inaccurate when a fork was.
 */
public final class CellEntries {
    private CellEntries() {
    }

    /** Each cell of {@code journal}, in index order. */
    public static List<JournalEntry> of(Journal journal) {
        List<JournalEntry> cells = new ArrayList<>();
        for (Journal.CellLines c : journal.cells()) {
            cells.add(c.forked() ? merge(c.lines()) : c.first());
        }
        return cells;
    }

    /** The cell that fork lines of one attempt make (in round order). */
    public static JournalEntry merge(List<JournalEntry> forks) {
        JournalEntry first = forks.get(0);
        double wall = 0;
        Set<String> mismatches = new LinkedHashSet<>();
        List<JsonNode> measured = new ArrayList<>();
        List<Integer> rounds = new ArrayList<>();
        List<SpeedProbe> probes = new ArrayList<>();
        CellStatus status = CellStatus.OK;
        String reason = null;
        String finished = first.finishedAt();
        for (JournalEntry f : forks) {
            wall += f.wallSeconds() == null ? 0 : f.wallSeconds();
            finished = f.finishedAt();
            if (f.mismatches() != null) {
                mismatches.addAll(f.mismatches());
            }
            if (f.status() == CellStatus.FAILED) {
                status = CellStatus.FAILED;
                reason = "round " + f.round() + ": " + f.reason();
            } else if (f.status() == CellStatus.INACCURATE && status == CellStatus.OK) {
                status = CellStatus.INACCURATE;
                reason = f == first ? f.reason() : "round " + f.round() + ": " + f.reason();
            }
            if (f.jmh() != null && !f.jmh().isNull()) {
                measured.add(f.jmh());
                rounds.add(f.round());
                if (f.probes() != null && f.probes().size() == 1) {
                    probes.add(f.probes().get(0));
                }
            }
        }
        JsonNode jmh;
        if (status == CellStatus.FAILED || measured.isEmpty()) {
            // A failed cell shows no numbers: the forks that did finish stay in the journal for anyone to read.
            jmh = null;
            rounds.clear();
            probes.clear();
        } else {
            try {
                jmh = JmhForks.merge(measured);
            } catch (HarnessException e) {
                throw new HarnessException("cell " + first.index() + " (" + first.key() + "): " + e.getMessage(), e);
            }
        }
        // Probes only where every measured fork has one: otherwise they would not line up with the rounds.
        return first.ofForks(status, reason, finished, wall, List.copyOf(mismatches), jmh, rounds,
                probes.size() == rounds.size() ? probes : List.of());
    }
}
